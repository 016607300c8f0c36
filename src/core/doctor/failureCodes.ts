/** Stable failure codes (DESIGN.md). Tests, the walkthrough and users' scripts match on them. */
export const failureCodes = [
  'ssh-missing',
  'agent-not-running',
  'agent-no-identities',
  'agent-not-responding',
  'host-key-unknown',
  'host-key-changed',
  'host-key-revoked',
  'dns-unknown-host',
  'connection-refused',
  'connect-timeout',
  'auth-publickey-denied',
  'key-not-loaded',
  'ssh-config-remote-command',
  'remote-docker-missing',
  'docker-socket-permission',
  'docker-daemon-down',
  'local-docker-missing',
  'ssh-master-stale',
  'ssh-master-hung',
  'bad-target',
] as const;

export type FailureCode = (typeof failureCodes)[number];

/** Failures that happen before any SSH protocol is spoken: the host cannot be reached at all. */
export const unreachableCodes: ReadonlySet<FailureCode> = new Set(['dns-unknown-host', 'connection-refused', 'connect-timeout']);
