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
  'key-needs-agent',
  'auth-too-many-keys',
  'session-hangs-after-login',
  'ssh-config-remote-command',
  'remote-docker-missing',
  'docker-login-path-only',
  'docker-is-podman',
  'docker-cli-too-old',
  'remote-shell-unsupported',
  'docker-socket-permission',
  'docker-group-not-effective',
  'docker-sudo-only',
  'docker-rootless-not-selected',
  'docker-daemon-down',
  // A warning (status warn), not a failure: the engine answers, but its data root is nearly full.
  'docker-data-root-full',
  'local-docker-missing',
  'ssh-master-stale',
  'ssh-master-hung',
  'bad-target',
] as const;

export type FailureCode = (typeof failureCodes)[number];

/** Failures that happen before any SSH protocol is spoken: the host cannot be reached at all. */
export const unreachableCodes: ReadonlySet<FailureCode> = new Set(['dns-unknown-host', 'connection-refused', 'connect-timeout']);
