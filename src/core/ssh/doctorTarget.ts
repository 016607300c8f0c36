import { parseTarget, formatTarget, type HostTarget } from './hostSpec';

/*
 * The doctor's view of a TARGET. Parsing and validation are the host model's (`hostSpec.ts`):
 * one set of rules for every place a target comes from. This file only turns a parsed target
 * into ssh arguments and a DOCKER_HOST value.
 */

export type { HostTarget } from './hostSpec';

/** Throws BadInputError (code `bad-target`) for anything that is not an alias or `[user@]host[:port]`. */
export function parseDoctorTarget(text: string): HostTarget {
  return parseTarget(text);
}

/** ssh options plus the destination, `--` last: a host name never reaches ssh's option parser. */
export function sshDestinationArgs(target: HostTarget): string[] {
  if (target.kind === 'alias') return ['--', target.alias];
  return [...(target.user !== undefined ? ['-l', target.user] : []), ...(target.port !== undefined ? ['-p', String(target.port)] : []), '--', target.host];
}

/** The DOCKER_HOST the docker CLI gets for this target (what `dockerHostFor` gives, without reading the config). */
export function dockerHostForTarget(target: HostTarget): string {
  return `ssh://${formatTarget(target)}`;
}
