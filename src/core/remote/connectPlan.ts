/**
 * The checks `connectAndInstall` runs before it opens a remote window, and what to do about
 * their result. Fixable problems are fixed in place (each at most once); the rest stop the
 * flow with the doctor's own message, because opening a window that cannot connect only moves
 * the error somewhere harder to read.
 */

/** The part of a doctor check result this module reads (structurally the doctor's own type). */
export interface CheckOutcome {
  readonly id: string;
  /** `warn` passes (the doctor's CheckStatus); none of the connect checks warns today. */
  readonly status: 'pass' | 'warn' | 'fail' | 'skip';
  readonly code?: string;
  readonly message: string;
  readonly fix?: string;
}

export type ConnectFix =
  /** Show the fingerprint, write known_hosts on yes. */
  | 'trust-host-key'
  /** Start ssh-agent (per OS). */
  | 'start-agent'
  /** `ssh-add` the key in a terminal, where its passphrase prompt is real. */
  | 'load-key'
  /** Authorize the public key on the host (`ssh-copy-id` in a terminal). */
  | 'authorize-key';

export type ConnectStep =
  | { readonly kind: 'ready' }
  | { readonly kind: 'fix'; readonly fix: ConnectFix; readonly check: CheckOutcome }
  | { readonly kind: 'stop'; readonly check: CheckOutcome | undefined };

/**
 * @param checks the doctor's results for ConnectCheckIds.
 * @param attempted fixes already tried in this run: a fix that did not help is not offered twice.
 */
export function nextConnectStep(checks: readonly CheckOutcome[], attempted: ReadonlySet<ConnectFix>): ConnectStep {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const failed = (id: string): CheckOutcome | undefined => {
    const check = byId.get(id);
    return check?.status === 'fail' ? check : undefined;
  };
  const offer = (fix: ConnectFix, check: CheckOutcome): ConnectStep => (attempted.has(fix) ? { kind: 'stop', check } : { kind: 'fix', fix, check });

  const sshClient = failed('ssh-client');
  if (sshClient) {
    return { kind: 'stop', check: sshClient };
  }
  const hostKey = failed('host-key');
  if (hostKey) {
    // A changed key is a possible attack: never offered as a one-click fix.
    return hostKey.code === 'host-key-unknown' ? offer('trust-host-key', hostKey) : { kind: 'stop', check: hostKey };
  }
  const auth = byId.get('auth');
  if (auth?.status === 'pass') {
    // Remote-SSH and the docker CLI use plain ssh: a key it finds on disk is as good as the agent.
    return { kind: 'ready' };
  }
  if (auth?.status === 'fail' && auth.code === 'key-not-loaded') {
    // The host accepts the key; it only needs to be in the agent.
    return offer('load-key', auth);
  }
  if (auth?.status === 'fail' && auth.code === 'auth-publickey-denied') {
    const agent = failed('agent');
    if (agent?.code === 'agent-not-running') {
      return offer('start-agent', agent);
    }
    const noIdentity = agent?.code === 'agent-no-identities' ? agent : failed('identity');
    if (noIdentity?.code === 'agent-no-identities') {
      return offer('load-key', noIdentity);
    }
    return offer('authorize-key', auth);
  }
  // Refused, unknown host, timeout, bad target, or auth never ran: nothing to fix from here.
  return { kind: 'stop', check: auth?.status === 'fail' ? auth : checks.find((c) => c.status === 'fail') };
}
