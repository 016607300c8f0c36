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

/**
 * Every process we run is non-interactive (stdin is never a terminal), so ssh, ssh-add and the
 * ssh that docker starts must never fall back to a GUI passphrase prompt: with DISPLAY set and
 * no terminal, ssh would run SSH_ASKPASS (or /usr/bin/ssh-askpass) in the background checks.
 */
export function nonInteractiveEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...(env ?? process.env) };
  delete result.SSH_ASKPASS;
  result.SSH_ASKPASS_REQUIRE = 'never';
  return result;
}

/**
 * Runs a binary with an argument array. There is no shell anywhere on this path, so no string
 * from a user is ever interpreted by one.
 */
export async function runProcess(file: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const started = performance.now();
  const result = await execa(file, args, {
    reject: false,
    shell: false,
    timeout: options.timeoutMs,
    cancelSignal: options.signal,
    forceKillAfterDelay: 500,
    env: nonInteractiveEnv(options.env),
    extendEnv: false,
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
