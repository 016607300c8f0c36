/**
 * The promise one window makes to the next: "a window on ALIAS is opening; when it does, finish
 * the Docker setup there". Opening a remote window returns before the window exists, so the
 * intent travels through `globalState`, which the local and remote extension hosts share.
 */

/** The intent is stale after this long: a window that opens later was not opened by us. */
export const IntentLifetimeMs = 10 * 60 * 1000;

/** The globalState key. */
export const IntentStateKey = 'remoteDockerSsh.pendingIntent';

export interface ConnectIntent {
  readonly alias: string;
  /** The Docker extension to make sure of on the host. */
  readonly dockerExtensionId: string;
  /** Epoch milliseconds when the user asked. */
  readonly createdAt: number;
  /** How many times the follow-through restarted the server already (to avoid loops). */
  readonly serverRestarts: number;
}

export function createIntent(alias: string, dockerExtensionId: string, now: number): ConnectIntent {
  return { alias, dockerExtensionId, createdAt: now, serverRestarts: 0 };
}

/**
 * Reads what globalState holds without trusting it: anything malformed (an older version's
 * shape, a hand-edited store) is treated as no intent at all.
 */
export function parseIntent(stored: unknown): ConnectIntent | undefined {
  if (typeof stored !== 'object' || stored === null) {
    return undefined;
  }
  const candidate = stored as Record<string, unknown>;
  const { alias, dockerExtensionId, createdAt } = candidate;
  if (typeof alias !== 'string' || alias.length === 0 || typeof dockerExtensionId !== 'string' || typeof createdAt !== 'number' || !Number.isFinite(createdAt)) {
    return undefined;
  }
  const serverRestarts = typeof candidate.serverRestarts === 'number' && candidate.serverRestarts >= 0 ? candidate.serverRestarts : 0;
  return { alias, dockerExtensionId, createdAt, serverRestarts };
}

export type IntentState = 'none' | 'live' | 'expired';

/** A clock that went backwards (createdAt in the future) also makes an intent untrustworthy. */
export function intentState(intent: ConnectIntent | undefined, now: number): IntentState {
  if (intent === undefined) {
    return 'none';
  }
  const age = now - intent.createdAt;
  return age >= 0 && age < IntentLifetimeMs ? 'live' : 'expired';
}
