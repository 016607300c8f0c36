import { BadInputError } from '../errors';

/** What the user asked to reach: an ssh config alias, or an explicit `[user@]host[:port]`. */
export type HostTarget =
  | { kind: 'alias'; alias: string }
  | { kind: 'address'; host: string; user?: string; port?: number };

const maxLength = 255;

/**
 * C1 controls (U+0080–U+009F: some terminals read U+009B as an escape sequence start) and the
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, plus U+200E/U+200F and
 * U+061C marks), which make a value display in a different order than ssh reads it.
 */
const hiddenFormatting = /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function hiddenFormattingProblem(value: string, what: string): string | undefined {
  const found = hiddenFormatting.exec(value);
  if (found === null) {
    return undefined;
  }
  const code = `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return found[0].charCodeAt(0) < 0xa0
    ? `The ${what} contains a control character (${code}).`
    : `The ${what} contains a bidirectional text control (${code}), which makes it display differently from what ssh reads.`;
}

/**
 * Checks shared by every value that ends up in an ssh config line or on an ssh command line.
 * Order matters: the first problem found is the one named, and the most dangerous ones come first.
 */
function commonProblem(value: string, what: string): string | undefined {
  if (value.length === 0) {
    return `The ${what} is empty.`;
  }
  if (value.length > maxLength) {
    return `The ${what} is ${value.length} characters long; at most ${maxLength} are allowed.`;
  }
  if (value.includes('\0')) {
    return `The ${what} contains a NUL character.`;
  }
  if (value.startsWith('-')) {
    return `The ${what} starts with "-", so ssh would read it as an option.`;
  }
  if (/[\r\n]/.test(value)) {
    return `The ${what} contains a line break, which would start a new line in the ssh config.`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) {
    return `The ${what} contains a control character.`;
  }
  const hidden = hiddenFormattingProblem(value, what);
  if (hidden) {
    return hidden;
  }
  if (/[\s\u0085\u00a0\u2028\u2029]/.test(value)) {
    return `The ${what} contains whitespace.`;
  }
  if (value.includes('#')) {
    return `The ${what} contains "#", which starts a comment in the ssh config.`;
  }
  if (/["'`]/.test(value)) {
    return `The ${what} contains a quote character.`;
  }
  if (value.includes('=')) {
    return `The ${what} contains "=", which the ssh config reads as a separator.`;
  }
  if (value.includes('%')) {
    return `The ${what} contains "%", which ssh expands as a token (such as %h or %u).`;
  }
  return undefined;
}

function firstCharOutside(value: string, allowed: RegExp): string | undefined {
  for (const char of value) {
    if (!allowed.test(char)) {
      return char;
    }
  }
  return undefined;
}

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code > 0x7e ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${char}"`;
}

/** A name for a `Host` line: one concrete name, no wildcard, no option, nothing ssh would expand. */
export function validateAlias(value: string): string | undefined {
  const problem = commonProblem(value, 'alias');
  if (problem) {
    return problem;
  }
  if (/[*?]/.test(value)) {
    return 'The alias contains a wildcard ("*" or "?"); give one concrete name.';
  }
  if (value.startsWith('!')) {
    return 'The alias starts with "!", which the ssh config reads as a negated pattern.';
  }
  if (value.includes(',')) {
    return 'The alias contains ",", which the ssh config reads as a list of patterns.';
  }
  if (value.includes('@')) {
    return 'The alias contains "@"; give the user separately.';
  }
  const bad = firstCharOutside(value, /[A-Za-z0-9._-]/);
  if (bad !== undefined) {
    return `The alias contains ${describeChar(bad)}; use letters, digits, ".", "_" and "-".`;
  }
  return undefined;
}

/** A DNS name, an IPv4 address or an IPv6 address (without brackets). */
export function validateHostName(value: string): string | undefined {
  const problem = commonProblem(value, 'host name');
  if (problem) {
    return problem;
  }
  if (value.startsWith('[') || value.endsWith(']')) {
    return 'The host name has brackets; write an IPv6 address without them (brackets only go around it in [user@][host]:port targets).';
  }
  const bad = firstCharOutside(value, /[A-Za-z0-9._:-]/);
  if (bad !== undefined) {
    return `The host name contains ${describeChar(bad)}; use letters, digits, ".", "-" (and ":" in IPv6 addresses).`;
  }
  if (value.includes(':') && !/^[0-9A-Fa-f:.]+$/.test(value)) {
    return 'The host name contains ":" but is not an IPv6 address; give the port separately.';
  }
  return undefined;
}

/** A login name. "@" is allowed because domain accounts (user@domain) exist. */
export function validateUser(value: string): string | undefined {
  const problem = commonProblem(value, 'user name');
  if (problem) {
    return problem;
  }
  const bad = firstCharOutside(value, /[A-Za-z0-9._@-]/);
  if (bad !== undefined) {
    return `The user name contains ${describeChar(bad)}; use letters, digits, ".", "_", "-" and "@".`;
  }
  return undefined;
}

/** A TCP port as typed: decimal digits only, 1 to 65535. */
export function validatePort(value: string): string | undefined {
  if (value.length === 0) {
    return 'The port is empty.';
  }
  if (!/^[0-9]+$/.test(value)) {
    return `The port "${printable(value)}" is not a number; use digits only, such as 22.`;
  }
  const port = Number(value);
  if (port < 1 || port > 65535) {
    return `The port ${value.length > 12 ? value.slice(0, 12) + '…' : value} is out of range; use 1 to 65535.`;
  }
  return undefined;
}

/**
 * A private key path for `IdentityFile`. Spaces are allowed (the value gets quoted); characters
 * ssh would expand (%, $) or that would end the value early (quotes, #, line breaks) are not.
 */
export function validateIdentityFile(value: string): string | undefined {
  if (value.length === 0) {
    return 'The identity file is empty.';
  }
  if (value.length > 4096) {
    return `The identity file path is ${value.length} characters long; at most 4096 are allowed.`;
  }
  if (value.includes('\0')) {
    return 'The identity file contains a NUL character.';
  }
  if (/[\r\n]/.test(value)) {
    return 'The identity file contains a line break, which would start a new line in the ssh config.';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    return 'The identity file contains a control character.';
  }
  const hidden = hiddenFormattingProblem(value, 'identity file');
  if (hidden) {
    return hidden;
  }
  if (value.startsWith('-')) {
    return 'The identity file starts with "-", so it could be read as an option.';
  }
  if (value.trim() !== value) {
    return 'The identity file starts or ends with whitespace.';
  }
  if (value.includes('#')) {
    return 'The identity file contains "#", which starts a comment in the ssh config.';
  }
  if (/["'`]/.test(value)) {
    return 'The identity file contains a quote character.';
  }
  if (value.includes('%')) {
    return 'The identity file contains "%", which ssh expands as a token (such as %d or %h).';
  }
  if (value.includes('$')) {
    return 'The identity file contains "$", which ssh expands as an environment variable.';
  }
  if (value.includes('\\\\') || value.endsWith('\\')) {
    return 'The identity file contains a doubled or trailing "\\", which the ssh config reads as an escape.';
  }
  const bad = /[;|&<>*?!{}]/.exec(value);
  if (bad) {
    return `The identity file contains "${bad[0]}"; give a plain file path.`;
  }
  return undefined;
}

function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}

function check(problem: string | undefined): void {
  if (problem !== undefined) {
    throw new BadInputError(problem);
  }
}

/**
 * Reads `alias`, `[user@]host[:port]`, `[user@][ipv6]:port` or a bare IPv6 address.
 * A bare name is an alias: ssh looks every destination up in the config, so the two are the same thing.
 */
export function parseTarget(text: string): HostTarget {
  if (text.length === 0) {
    throw new BadInputError('The target is empty; give an ssh config alias or [user@]host[:port].');
  }
  if (text.length > 2 * maxLength + 8) {
    throw new BadInputError(`The target is ${text.length} characters long; that is too long for [user@]host[:port].`);
  }
  let rest = text.startsWith('ssh://') ? text.slice('ssh://'.length) : text;
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    check(validateUser(user));
  }
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1];
    portText = bracketed[2];
    if (!host.includes(':')) {
      throw new BadInputError(`"[${printable(host)}]" is not an IPv6 address; brackets are only for IPv6.`);
    }
  } else if (rest.startsWith('[')) {
    throw new BadInputError('The target has "[" without a matching "]".');
  } else {
    const colons = rest.split(':').length - 1;
    if (colons === 1) {
      [host, portText] = rest.split(':');
    } else {
      host = rest;
    }
  }
  if (portText !== undefined) {
    check(validatePort(portText));
  }
  if (user === undefined && portText === undefined && !bracketed && validateAlias(host) === undefined) {
    return { kind: 'alias', alias: host };
  }
  check(validateHostName(host));
  return {
    kind: 'address',
    host,
    ...(user !== undefined ? { user } : {}),
    ...(portText !== undefined ? { port: Number(portText) } : {}),
  };
}

/** The destination as ssh and DOCKER_HOST URLs write it. */
export function formatTarget(target: HostTarget): string {
  if (target.kind === 'alias') {
    return target.alias;
  }
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.user !== undefined ? `${target.user}@` : ''}${host}${target.port !== undefined ? `:${target.port}` : ''}`;
}
