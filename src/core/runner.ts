import { execa } from 'execa';

/** What a finished (or killed) child process left behind. Never throws for a non-zero exit. */
export interface ProcessResult {
  readonly command: string;
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  /** The hard timeout fired and the child was killed. */
  readonly timedOut: boolean;
  /** The caller's signal aborted the child. */
  readonly cancelled: boolean;
  /** The binary could not be started at all (ENOENT and friends). */
  readonly spawnError?: string;
  readonly durationMs: number;
}

export interface RunOptions {
  /** Kill the child after this long. Every call must have one: a hung ssh must never hang us. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  readonly cwd?: string;
}

let processesStarted = 0;

/**
 * How many processes runProcess has started in this process so far (terminals are not counted).
 * The extension hands it out through its API so tests can see that activation started none.
 */
export function processesStartedCount(): number {
  return processesStarted;
}

/**
 * Runs a binary with an argument array. There is no shell anywhere on this path, so no string
 * from a user is ever interpreted by one.
 */
export async function runProcess(file: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const started = performance.now();
  processesStarted++;
  const result = await execa(file, args, {
    reject: false,
    shell: false,
    timeout: options.timeoutMs,
    cancelSignal: options.signal,
    forceKillAfterDelay: 500,
    env: options.env,
    extendEnv: options.env === undefined,
    input: options.input,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    cwd: options.cwd,
    stripFinalNewline: false,
    encoding: 'utf8',
  });
  const spawnFailed = result.failed && result.exitCode === undefined && !result.timedOut && !result.isCanceled;
  return {
    command: [file, ...args].join(' '),
    exitCode: result.exitCode,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    timedOut: result.timedOut,
    cancelled: result.isCanceled,
    spawnError: spawnFailed ? (result.cause instanceof Error ? result.cause.message : result.shortMessage) : undefined,
    durationMs: performance.now() - started,
  };
}
