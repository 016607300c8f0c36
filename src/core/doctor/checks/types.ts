import type { FailureCode } from '../failureCodes';

export const checkIds = [
  'ssh-client',
  'agent',
  'identity',
  'host-key',
  'auth',
  'remote-docker-cli',
  'remote-docker-engine',
  'local-docker-cli',
  'ssh-master',
  'docker-host-roundtrip',
] as const;

export type CheckId = (typeof checkIds)[number];

export type DoctorPath = 'remote-ssh' | 'docker-host';

/** The checks each path runs, in report order. The agent matters only where DOCKER_HOST uses plain ssh. */
export const checksForPath: Record<DoctorPath, readonly CheckId[]> = {
  'remote-ssh': ['ssh-client', 'host-key', 'auth', 'remote-docker-cli', 'remote-docker-engine'],
  'docker-host': ['ssh-client', 'agent', 'identity', 'host-key', 'auth', 'remote-docker-cli', 'remote-docker-engine', 'local-docker-cli', 'ssh-master', 'docker-host-roundtrip'],
};

/**
 * The checks that reach the host: our ssh session logs in (so an agent may ask for a confirmation
 * and a security key for a touch), ssh-keyscan connects, docker's ssh logs in. The others are
 * local: `ssh -V`, `ssh -G`, key files, `ssh-add -l`, `docker --version`.
 */
export const remoteCheckIds: readonly CheckId[] = ['host-key', 'auth', 'remote-docker-cli', 'remote-docker-engine', 'docker-host-roundtrip'];

/**
 * `warn`: the check passed, and found something that will hurt soon (a nearly full data root). A
 * warning has a code and a fix like a failure, but the setup works now: Docker over SSH connects,
 * lists and runs. So it counts as passing everywhere (the report's `ok`, the exit status of
 * `doctor`, the checks built on it, the walkthrough's steps): a script that gates on `doctor` and a
 * step that turned green must not break because a disk filled up to 92 %.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** A check that passed, with or without a warning. */
export function passed(check: { readonly status: CheckStatus | string }): boolean {
  return check.status === 'pass' || check.status === 'warn';
}

/** One line of `doctor --json` (DESIGN.md). */
export interface CheckResult {
  readonly id: CheckId;
  readonly status: CheckStatus;
  readonly code?: FailureCode;
  readonly message: string;
  readonly fix?: string;
  /** For a remote failure: the command that shows the user what the check saw (`ssh -T HOST 'command -v docker'`). */
  readonly seeCommand?: string;
  readonly durationMs: number;
}

/** The `doctor --json` object (DESIGN.md). */
export interface DoctorReport {
  readonly target: string;
  readonly path: DoctorPath;
  /** Every check passed, warnings allowed (see CheckStatus). */
  readonly ok: boolean;
  /** The DOCKER_HOST the docker-host-roundtrip check used, when it ran. */
  readonly dockerHost?: string;
  readonly totalMs: number;
  /** What the user should know about how ssh was run (a chosen -F file skips /etc/ssh/ssh_config). */
  readonly notes?: string[];
  /** A background run that found a key which would ask (a touch): why its remote checks did not run. */
  readonly notCheckedInBackground?: string;
  readonly checks: CheckResult[];
}
