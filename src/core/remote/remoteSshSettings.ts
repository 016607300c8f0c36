/**
 * The two Remote-SSH settings that make the first connection smooth, computed from their
 * current values. Both functions return `undefined` when nothing needs writing, so the adapter
 * never touches settings.json for a no-op.
 */
import { sameExtensionId } from '../docker/remoteDockerExtension';

/**
 * `remote.SSH.defaultExtensions` with `ids` appended where missing. Existing entries keep their
 * order and spelling; a non-array value (hand-edited settings) is replaced by a clean list that
 * keeps its string entries.
 */
export function withDefaultExtensions(current: unknown, ids: readonly string[]): string[] | undefined {
  const existing = Array.isArray(current) ? current.filter((v): v is string => typeof v === 'string') : [];
  const merged = [...existing];
  for (const id of ids) {
    if (!merged.some((present) => sameExtensionId(present, id))) {
      merged.push(id);
    }
  }
  const unchanged = Array.isArray(current) && merged.length === current.length && existing.length === current.length;
  return unchanged ? undefined : merged;
}

/**
 * `remote.SSH.remotePlatform` with `alias: "linux"`, keeping every other host. An alias already
 * set to something else is overwritten: this extension only targets Linux hosts, and a wrong
 * platform makes Remote-SSH fail to install its server.
 */
export function withRemotePlatform(current: unknown, alias: string): Record<string, unknown> | undefined {
  const existing = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
  if (existing[alias] === 'linux') {
    return undefined;
  }
  return { ...existing, [alias]: 'linux' };
}
