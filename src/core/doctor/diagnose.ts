import type { FailureCode } from './failureCodes';

/** The parts of a finished process that diagnosis looks at. */
export interface ProcessOutcome {
  readonly exitCode: number | undefined;
  readonly stderr: string;
  readonly stdout?: string;
  readonly timedOut?: boolean;
  readonly spawnError?: string;
}

/*
 * Each table row is a text ssh, ssh-add or docker really prints (DESIGN.md lists them). Order
 * matters: a changed host key also prints "Host key verification failed", so it comes first.
 */
const sshPatterns: [RegExp, FailureCode][] = [
  // ssh: "WARNING: REVOKED HOST KEY DETECTED!" / "The … host key for … is marked as revoked."
  [/REVOKED HOST KEY|is marked as revoked/i, 'host-key-revoked'],
  [/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed|host key mismatch/i, 'host-key-changed'],
  [/No \S+ host key is known for|Host key verification failed|authenticity of host .* can't be established/i, 'host-key-unknown'],
  [/Could not resolve hostname|Name or service not known|nodename nor servname provided|No address associated with hostname|Temporary failure in name resolution/i, 'dns-unknown-host'],
  [/Connection refused/i, 'connection-refused'],
  [/timed out|Operation timed out|No route to host|Network is unreachable/i, 'connect-timeout'],
  // sshd closing before its banner (MaxStartups, a host firewall's reset): nothing speaks SSH there.
  [/kex_exchange_identification|Connection reset by peer|Connection closed by remote host/i, 'connection-refused'],
  // A RemoteCommand in the config clashes with the command every check (and Remote-SSH) gives.
  [/Cannot execute command-line and remote command/i, 'ssh-config-remote-command'],
  // sshd's MaxAuthTries cut the login off: ssh offered (the agent's) keys before the right one.
  [/Too many authentication failures/i, 'auth-too-many-keys'],
  [/Permission denied \(|No more authentication methods/i, 'auth-publickey-denied'],
];

/**
 * The known_hosts name ssh complained about ("No ED25519 host key is known for NAME and…",
 * "Host key for NAME has changed…"). Through ProxyJump that can be a jump host's name, not the target's.
 */
export function hostKeyNameInError(stderr: string): string | undefined {
  return /No \S+ host key is known for (\S+) and/.exec(stderr)?.[1] ?? /Host key for (\S+) has changed/.exec(stderr)?.[1] ?? /host key for (\S+) is marked as revoked/.exec(stderr)?.[1];
}

/** ssh at LogLevel VERBOSE: "Authenticated to HOST ([ADDR]:PORT) using "publickey"." once the login succeeded. */
export function loggedInPerSsh(stderr: string): boolean {
  return /^Authenticated to .* using "/m.test(stderr);
}

/** Lines ssh prints at LogLevel VERBOSE on a healthy session; never the reason for a failure. */
const verboseNoise = /^(Authenticated to |Transferred: sent |Bytes per second: )/;

/** ssh's exit 255 means ssh itself failed; anything else is the remote command's status. */
export function diagnoseSsh(outcome: ProcessOutcome): FailureCode | undefined {
  if (outcome.spawnError !== undefined && /ENOENT/.test(outcome.spawnError)) return 'ssh-missing';
  for (const [pattern, code] of sshPatterns) if (pattern.test(outcome.stderr)) return code;
  if (outcome.timedOut) return 'connect-timeout';
  return undefined;
}

/** `ssh-add -l`: exit 1 "The agent has no identities.", exit 2 "Could not open a connection…". */
export function diagnoseSshAdd(outcome: ProcessOutcome): FailureCode | undefined {
  if (outcome.spawnError !== undefined) return 'ssh-missing';
  const text = `${outcome.stdout ?? ''}${outcome.stderr}`;
  if (outcome.exitCode === 0) return undefined;
  // A socket that accepts and never answers (a stuck 1Password or gpg-agent): ssh would hang on it too.
  if (outcome.timedOut) return 'agent-not-responding';
  if (/has no identities/i.test(text)) return 'agent-no-identities';
  if (outcome.exitCode === 2 || /Could not open a connection to your authentication agent|Error connecting to agent|communication with agent failed/i.test(text)) return 'agent-not-running';
  return outcome.exitCode === 1 ? 'agent-no-identities' : 'agent-not-running';
}

/** What the docker CLI prints (on the remote, or locally through ssh://) when it cannot reach the engine. */
export function diagnoseDocker(outcome: ProcessOutcome): FailureCode | undefined {
  const text = `${outcome.stdout ?? ''}\n${outcome.stderr}`;
  if (/permission denied while trying to connect to the Docker daemon socket|connect: permission denied/i.test(text)) return 'docker-socket-permission';
  if (/Cannot connect to the Docker daemon|Is the docker daemon running|dial unix .*: connect: (no such file|connection refused)/i.test(text)) return 'docker-daemon-down';
  if (/docker: (command )?not found|docker: No such file or directory|exec: "?docker"?: executable file not found/i.test(text) || outcome.exitCode === 127) return 'remote-docker-missing';
  return undefined;
}

/** The last meaningful line of a tool's error output, for a message. Never more than one line. */
export function firstErrorLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('Warning: Permanently added') && !line.startsWith('@@@') && !verboseNoise.test(line));
  const flagged = lines.find((line) => /denied|refused|failed|not known|timed out|cannot|could not|error|not found|changed/i.test(line));
  return flagged ?? lines[0] ?? '';
}
