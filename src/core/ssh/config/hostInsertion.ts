import { lineKind, type ConfigLine } from './configLines';
import { hostLineMatches } from './hostPatterns';

/** A host block to add, already validated. */
export interface NewHostBlock {
  readonly alias: string;
  readonly hostname: string;
  readonly user?: string;
  readonly port?: number;
  readonly identityFile?: string;
}

/** Text to splice into a config: `text` goes in at byte `offset`; nothing else changes. */
export interface HostInsertion {
  readonly offset: number;
  readonly text: string;
  /** 1-based line of the new `Host` line in the edited file. */
  readonly hostLine: number;
}

/** Tells whether the files an `Include` line names could set HostName, User or Port for the alias. */
export type IncludeShadowCheck = (includeArgs: readonly string[]) => Promise<boolean>;

/** Options where the first value ssh obtains wins: a block above ours that sets them would win. */
const shadowingKeywords: ReadonlySet<string> = new Set(['hostname', 'user', 'port']);

export type Shadow =
  | { readonly kind: 'none' }
  /** A global option (before any Host/Match) or an Include there whose files set one. */
  | { readonly kind: 'global'; readonly index: number }
  /** A `Host` line whose patterns match the alias, or any `Match` (it may match anything). */
  | { readonly kind: 'block'; readonly index: number };

/**
 * Finds the first place in a file that could give the alias a HostName, User or Port (or the
 * `keywords` given) before our block does. Host blocks that match are counted whatever they hold, so a later edit of
 * `Host *` cannot silently take the new host over; the global section counts only when it
 * really sets one of those options.
 */
export async function findShadow(
  lines: readonly ConfigLine[],
  alias: string,
  includeShadows: IncludeShadowCheck,
  keywords: ReadonlySet<string> = shadowingKeywords,
): Promise<Shadow> {
  let global = true;
  for (const line of lines) {
    if (line.keyword === 'host') {
      if (hostLineMatches(line.args, alias)) {
        return { kind: 'block', index: line.index };
      }
      global = false;
    } else if (line.keyword === 'match') {
      return { kind: 'block', index: line.index };
    } else if (global && line.keyword !== undefined) {
      if (keywords.has(line.keyword)) {
        return { kind: 'global', index: line.index };
      }
      if (line.keyword === 'include' && (await includeShadows(line.args))) {
        return { kind: 'global', index: line.index };
      }
    }
  }
  return { kind: 'none' };
}

/** The file's own line ending: CRLF when most lines use it. */
export function detectEol(lines: readonly ConfigLine[]): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (const line of lines) {
    if (line.eol === '\r\n') {
      crlf++;
    } else if (line.eol === '\n') {
      lf++;
    }
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** The indentation most used for options inside Host/Match blocks; two spaces when there is none. */
export function detectIndent(lines: readonly ConfigLine[]): string {
  const counts = new Map<string, number>();
  let inBlock = false;
  for (const line of lines) {
    if (line.keyword === 'host' || line.keyword === 'match') {
      inBlock = true;
    } else if (inBlock && line.keyword !== undefined) {
      counts.set(line.indent, (counts.get(line.indent) ?? 0) + 1);
    }
  }
  let best = '  ';
  let bestCount = 0;
  for (const [indent, count] of counts) {
    if (count > bestCount) {
      best = indent;
      bestCount = count;
    }
  }
  return best;
}

export function renderHostBlock(block: NewHostBlock, indent: string, eol: string): string {
  const rows = [`Host ${block.alias}`, `${indent}HostName ${block.hostname}`];
  if (block.user !== undefined) {
    rows.push(`${indent}User ${block.user}`);
  }
  if (block.port !== undefined) {
    rows.push(`${indent}Port ${block.port}`);
  }
  if (block.identityFile !== undefined) {
    const value = /\s/.test(block.identityFile) ? `"${block.identityFile}"` : block.identityFile;
    rows.push(`${indent}IdentityFile ${value}`);
  }
  return rows.map((row) => row + eol).join('');
}

/** Comment lines directly above a line (same indentation, no blank between) travel with it. */
export function startOfAttachedComments(lines: readonly ConfigLine[], index: number): number {
  let start = index;
  while (start > 0 && lineKind(lines[start - 1]) === 'comment' && lines[start - 1].indent === lines[index].indent) {
    start--;
  }
  return start;
}

/**
 * Plans the splice: before the first block that would shadow the alias, or at the end.
 * When the global section itself shadows it, the block goes above the first global option and
 * is closed with `Host *`: options under `Host *` apply to every host, exactly as global ones do.
 */
export async function planHostInsertion(
  text: string,
  lines: readonly ConfigLine[],
  block: NewHostBlock,
  includeShadows: IncludeShadowCheck,
): Promise<HostInsertion> {
  const eol = detectEol(lines);
  const rendered = renderHostBlock(block, detectIndent(lines), eol);
  const shadow = await findShadow(lines, block.alias, includeShadows);
  let offset: number;
  let insert: string;
  if (shadow.kind === 'none') {
    offset = text.length;
    const last = lines.at(-1);
    let prefix = '';
    if (last !== undefined) {
      if (last.eol === '') {
        prefix += eol;
      }
      if (lineKind(last) !== 'blank') {
        prefix += eol;
      }
    }
    insert = prefix + rendered;
  } else {
    let index = shadow.index;
    if (shadow.kind === 'global') {
      index = lines.findIndex((line) => line.keyword !== undefined);
    }
    index = startOfAttachedComments(lines, index);
    offset = lines[index].start;
    const prefix = index > 0 && lineKind(lines[index - 1]) !== 'blank' ? eol : '';
    const closer = shadow.kind === 'global' ? `${eol}Host *${eol}` : eol;
    insert = prefix + rendered + closer;
  }
  const before = text.slice(0, offset) + insert.slice(0, insert.indexOf('Host '));
  const hostLine = before.split('\n').length;
  return { offset, text: insert, hostLine };
}
