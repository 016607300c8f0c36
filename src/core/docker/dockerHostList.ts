import type { ConfiguredHost } from '../ssh/config/configFiles';
import type { DockerContextEntry } from './dockerContext';

/**
 * One row of the Docker Hosts view: an ssh config alias, a docker context with an `ssh://`
 * endpoint, or both when the context points at the alias.
 */
export interface DockerHostEntry {
  /** What ssh and the doctor are given: the alias, or `user@host:port` from a context's endpoint. */
  readonly target: string;
  /** The ssh config alias, when the host is in the config. */
  readonly alias?: string;
  readonly configFile?: string;
  /** The docker contexts whose endpoint is this host. */
  readonly contexts: readonly string[];
}

/**
 * The ssh config's hosts in file order (an alias listed twice counts once, as ssh takes the first),
 * then the ssh contexts that name no configured alias. Other endpoints (unix, tcp) are not remote over ssh.
 */
export function dockerHostList(hosts: readonly ConfiguredHost[], contexts: readonly DockerContextEntry[]): DockerHostEntry[] {
  const byAlias = new Map<string, { alias: string; file: string; contexts: string[] }>();
  for (const host of hosts) {
    const key = host.alias.toLowerCase();
    if (!byAlias.has(key)) {
      byAlias.set(key, { alias: host.alias, file: host.file, contexts: [] });
    }
  }
  const others = new Map<string, string[]>();
  for (const context of contexts) {
    const destination = sshDestination(context.dockerHost);
    if (destination === undefined) {
      continue;
    }
    const configured = byAlias.get(destination.toLowerCase());
    if (configured) {
      configured.contexts.push(context.name);
    } else {
      others.set(destination, [...(others.get(destination) ?? []), context.name]);
    }
  }
  return [
    ...[...byAlias.values()].map((host) => ({ target: host.alias, alias: host.alias, configFile: host.file, contexts: host.contexts })),
    ...[...others].map(([target, names]) => ({ target, contexts: names })),
  ];
}

/** `ssh://[user@]host[:port][/path]` → `[user@]host[:port]`; undefined for any other scheme. */
export function sshDestination(dockerHost: string): string | undefined {
  const match = /^ssh:\/\/([^/?#]+)/i.exec(dockerHost.trim());
  return match ? match[1] : undefined;
}
