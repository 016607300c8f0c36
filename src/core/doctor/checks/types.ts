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

export type CheckStatus = 'pass' | 'fail' | 'skip';

/** One line of `doctor --json` (DESIGN.md). */
export interface CheckResult {
  readonly id: CheckId;
  readonly status: CheckStatus;
  readonly code?: FailureCode;
  readonly message: string;
  readonly fix?: string;
  readonly durationMs: number;
}

/** The `doctor --json` object (DESIGN.md). */
export interface DoctorReport {
  readonly target: string;
  readonly path: DoctorPath;
  readonly ok: boolean;
  /** The DOCKER_HOST the docker-host-roundtrip check used, when it ran. */
  readonly dockerHost?: string;
  readonly totalMs: number;
  /** What the user should know about how ssh was run (a chosen -F file skips /etc/ssh/ssh_config). */
  readonly notes?: string[];
  readonly checks: CheckResult[];
}
