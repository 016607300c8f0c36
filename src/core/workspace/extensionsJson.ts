/**
 * Adds extension ids to a workspace's `.vscode/extensions.json` text. A pure text function: the
 * adapter reads and writes the file. jsonc-parser's `modify` + `applyEdits` edit only the bytes
 * they must, so comments, trailing commas and the user's formatting survive.
 */
import { applyEdits, modify, parseTree, findNodeAtLocation, printParseErrorCode, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { BadInputError } from '../errors';
import { dockerExtensionToInstall, sameExtensionId } from '../docker/remoteDockerExtension';

export interface RecommendationEdit {
  /** The new file text; equal to the input when nothing was added. */
  readonly text: string;
  /** Ids that were added (in the order given). */
  readonly added: readonly string[];
  /** Ids skipped because the file lists them as unwanted. */
  readonly unwanted: readonly string[];
}

/**
 * @param text the current file text, or undefined when the file does not exist.
 * @throws BadInputError when the text is not JSON-with-comments, or `recommendations` is not an array:
 * editing a file we cannot read could destroy what the user wrote.
 */
export function addRecommendations(text: string | undefined, ids: readonly string[]): RecommendationEdit {
  const source = text ?? '';
  const errors: ParseError[] = [];
  const root = source.trim() === '' ? undefined : parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    throw new BadInputError(`extensions.json is not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}); it was left unchanged.`);
  }
  if (root !== undefined && root.type !== 'object') {
    throw new BadInputError('extensions.json does not hold an object; it was left unchanged.');
  }
  const stringsAt = (key: string): string[] => {
    const node = root === undefined ? undefined : findNodeAtLocation(root, [key]);
    if (node === undefined) {
      return [];
    }
    if (node.type !== 'array') {
      throw new BadInputError(`"${key}" in extensions.json is not a list; it was left unchanged.`);
    }
    return (node.children ?? []).filter((child) => child.type === 'string').map((child) => String(child.value));
  };
  const present = stringsAt('recommendations');
  const unwantedList = stringsAt('unwantedRecommendations');

  const toAdd: string[] = [];
  const unwanted: string[] = [];
  for (const id of ids) {
    if (unwantedList.some((u) => sameExtensionId(u, id))) {
      unwanted.push(id);
    } else if (![...present, ...toAdd].some((p) => sameExtensionId(p, id))) {
      toAdd.push(id);
    }
  }
  if (toAdd.length === 0) {
    return { text: source, added: [], unwanted };
  }

  const formattingOptions = detectFormatting(source);
  let result = source;
  const hasArray = root !== undefined && findNodeAtLocation(root, ['recommendations']) !== undefined;
  if (!hasArray) {
    const base = root === undefined ? '' : result;
    result = applyEdits(base, modify(base, ['recommendations'], toAdd, { formattingOptions }));
    if (root === undefined && !result.endsWith(formattingOptions.eol ?? '\n')) {
      result += formattingOptions.eol ?? '\n';
    }
  } else {
    for (const id of toAdd) {
      result = applyEdits(result, modify(result, ['recommendations', -1], id, { formattingOptions, isArrayInsertion: true }));
    }
  }
  return { text: result, added: toAdd, unwanted };
}

/** The file's own indentation and line ends, so added lines look like the ones around them. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /^([ \t]+)\S/m.exec(text);
  if (indented?.[1].startsWith('\t')) {
    return { insertSpaces: false, tabSize: 4, eol };
  }
  const width = indented?.[1].length ?? 2;
  return { insertSpaces: true, tabSize: width > 0 ? width : 2, eol };
}

/** The ids that `addRecommendations` would add; empty when the workspace already recommends them all. */
export function missingRecommendations(text: string | undefined, ids: readonly string[]): string[] {
  try {
    return [...addRecommendations(text, ids).added];
  } catch {
    // An unreadable file is reported when the user asks to edit it, not while deciding to offer.
    return [];
  }
}

/** What a workspace that uses remote Docker should recommend to everyone who opens it. */
export function workspaceRecommendationIds(): string[] {
  return ['ms-vscode-remote.remote-ssh', dockerExtensionToInstall()];
}
