import { BadInputError } from './errors';

/*
 * A minimal TARGET parser for the doctor, written before the hosts helper's `hostSpec.ts` landed on
 * main. Same shape as the contract's `HostTarget`/`parseTarget`; the coordinator reconciles the two.
 */

export type HostTarget = { kind: 'alias'; alias: string } | { kind: 'address'; host: string; user?: string; port?: number };

const namePattern = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;
const ipv6Pattern = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;

function refuse(text: string, why: string): never {
  throw new BadInputError(`bad target ${JSON.stringify(text)}: ${why}. Use an alias from the ssh config or [user@]host[:port].`);
}

function parsePort(text: string, portText: string): number {
  if (!/^\d{1,5}$/.test(portText)) refuse(text, `"${portText}" is not a port number`);
  const port = Number(portText);
  if (port < 1 || port > 65535) refuse(text, `port ${port} is outside 1-65535`);
  return port;
}

/**
 * `alias` or `[user@]host[:port]` (IPv6 in brackets). Anything that could become an ssh option or
 * break a config line (leading "-", whitespace, "#", quotes, control characters) is refused.
 */
export function parseDoctorTarget(text: string): HostTarget {
  if (text.length === 0) refuse(text, 'it is empty');
  if (text.startsWith('-')) refuse(text, 'it starts with "-" and would be read as an ssh option');
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f#'"`\\]/.test(text)) refuse(text, 'it contains whitespace, a control character, "#", a quote or a backslash');
  const at = text.indexOf('@');
  const user = at >= 0 ? text.slice(0, at) : undefined;
  const rest = at >= 0 ? text.slice(at + 1) : text;
  if (user !== undefined && !namePattern.test(user)) refuse(text, `"${user}" is not a valid user name`);
  let host: string;
  let port: number | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) refuse(text, 'an IPv6 address opened with "[" is not closed');
    host = rest.slice(1, close);
    if (!ipv6Pattern.test(host)) refuse(text, `"${host}" is not an IPv6 address`);
    const after = rest.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) refuse(text, `unexpected "${after}" after the address`);
      port = parsePort(text, after.slice(1));
    }
  } else {
    const colon = rest.indexOf(':');
    host = colon >= 0 ? rest.slice(0, colon) : rest;
    if (colon >= 0) port = parsePort(text, rest.slice(colon + 1));
    if (!namePattern.test(host)) refuse(text, host === '' ? 'the host name is empty' : `"${host}" is not a valid host name or alias`);
  }
  if (user === undefined && port === undefined && !rest.startsWith('[')) return { kind: 'alias', alias: host };
  return { kind: 'address', host, user, port };
}

/** ssh options plus the destination, `--` last: a host name never reaches ssh's option parser. */
export function sshDestinationArgs(target: HostTarget): string[] {
  if (target.kind === 'alias') return ['--', target.alias];
  return [...(target.user !== undefined ? ['-l', target.user] : []), ...(target.port !== undefined ? ['-p', String(target.port)] : []), '--', target.host];
}

/** The DOCKER_HOST the docker CLI gets for this target. */
export function dockerHostForTarget(target: HostTarget): string {
  if (target.kind === 'alias') return `ssh://${target.alias}`;
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `ssh://${target.user !== undefined ? `${target.user}@` : ''}${host}${target.port !== undefined ? `:${target.port}` : ''}`;
}
