/**
 * A line-level view of an ssh client config that keeps every byte addressable.
 *
 * The text is decoded as latin1 so that one character is one byte: offsets are byte offsets
 * into the file, and a config with invalid UTF-8 in a comment still round-trips exactly.
 * Keyword and argument splitting follow OpenSSH's readconf.c (`strdelim` for the keyword and
 * one optional "=", then `argv_split` with quotes, backslash escapes and "#" comments).
 */
export interface ConfigLine {
  /** 0-based line index. */
  readonly index: number;
  /** Byte offset of the first byte of the line. */
  readonly start: number;
  /** Byte offset just past the line's end-of-line bytes. */
  readonly end: number;
  /** The line without its end-of-line bytes. */
  readonly text: string;
  readonly eol: '' | '\n' | '\r\n';
  /** Leading spaces and tabs. */
  readonly indent: string;
  /** Lower-cased keyword; undefined for blank and comment lines. */
  readonly keyword?: string;
  readonly args: readonly string[];
  /** The arguments could not be split (an unterminated quote): ssh rejects such a line. */
  readonly malformed?: boolean;
}

export type ConfigLineKind = 'blank' | 'comment' | 'directive';

export function lineKind(line: ConfigLine): ConfigLineKind {
  if (line.keyword !== undefined) {
    return 'directive';
  }
  return line.text.trim().length === 0 ? 'blank' : 'comment';
}

/** Decodes file bytes so that string offsets equal byte offsets. */
export function decodeBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Turns a latin1-decoded value back into the UTF-8 text the user wrote. */
export function recodeUtf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

export function splitConfigLines(text: string): ConfigLine[] {
  const lines: ConfigLine[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const contentEnd = newline === -1 ? text.length : newline;
    const crlf = newline !== -1 && contentEnd > start && text[contentEnd - 1] === '\r';
    const body = text.slice(start, crlf ? contentEnd - 1 : contentEnd);
    const eol = newline === -1 ? '' : crlf ? '\r\n' : '\n';
    const end = newline === -1 ? text.length : newline + 1;
    lines.push({ index: lines.length, start, end, text: body, eol, ...parseDirective(body) });
    start = end;
  }
  return lines;
}

const trailingSpace = /[ \t\r\n\f]+$/;

function parseDirective(body: string): { indent: string; keyword?: string; args: string[]; malformed?: boolean } {
  const indent = /^[ \t]*/.exec(body)?.[0] ?? '';
  const content = body.slice(indent.length).replace(trailingSpace, '');
  if (content.length === 0 || content.startsWith('#')) {
    return { indent, args: [] };
  }
  let keyword: string;
  let rest: string;
  if (content.startsWith('"')) {
    // strdelim() accepts a quoted keyword: `"Host" web` is a Host line.
    const close = content.indexOf('"', 1);
    if (close === -1) {
      return { indent, args: [], malformed: true };
    }
    keyword = content.slice(1, close);
    rest = content.slice(close + 1).replace(/^[ \t]*/, '');
  } else {
    const keywordMatch = /^[^ \t="]+/.exec(content);
    if (!keywordMatch) {
      return { indent, args: [] };
    }
    keyword = keywordMatch[0];
    rest = content.slice(keyword.length).replace(/^[ \t]*/, '');
    if (rest.startsWith('=')) {
      rest = rest.slice(1).replace(/^[ \t]*/, '');
    }
  }
  const split = splitArguments(rest);
  return {
    indent,
    keyword: keyword.toLowerCase(),
    args: split.args,
    ...(split.malformed ? { malformed: true } : {}),
  };
}

const quoteEscapeOrComment = /["'\\#]/;

/** OpenSSH `argv_split(..., terminate_on_comment=1)`. */
export function splitArguments(text: string): { args: string[]; malformed: boolean } {
  if (!quoteEscapeOrComment.test(text)) {
    // Most lines have no quote, escape or comment: splitting on blanks gives the same words.
    return { args: text.split(/[ \t]+/).filter((word) => word.length > 0), malformed: false };
  }
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') {
      break;
    }
    let arg = '';
    let quote: string | undefined;
    for (; i < text.length; i++) {
      const ch = text[i];
      const next = text[i + 1];
      if (ch === '\\') {
        if (next === "'" || next === '"' || next === '\\' || (quote === undefined && next === ' ')) {
          i++;
          arg += next;
        } else {
          arg += ch;
        }
      } else if (quote === undefined && (ch === ' ' || ch === '\t')) {
        break;
      } else if (quote === undefined && (ch === '"' || ch === "'")) {
        quote = ch;
      } else if (quote !== undefined && ch === quote) {
        quote = undefined;
      } else {
        arg += ch;
      }
    }
    if (quote !== undefined) {
      return { args, malformed: true };
    }
    args.push(arg);
  }
  return { args, malformed: false };
}
