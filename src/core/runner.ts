import { spawn, type ChildProcess } from 'node:child_process';

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
  /** The child's whole environment; without it the child inherits ours. */
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  readonly cwd?: string;
  /** Sees stdout as it arrives (the result still holds all of it): lets a caller act on a line before the child ends. */
  readonly onStdout?: (chunk: Buffer) => void;
  /**
   * Start the child in a session of its own (POSIX setsid), without our controlling terminal: for
   * the docker CLI, whose plain ssh has no BatchMode. That ssh then cannot open /dev/tty, so what it
   * would ask a person (StrictHostKeyChecking ask, a passphrase) is refused at once, never put to
   * the terminal the CLI or the editor was started from (a recent docker CLI starts its ssh that way
   * itself; older ones do not). Its whole process group is killed with it.
   */
  readonly withoutTerminal?: boolean;
}

/** A child that ignores SIGTERM gets SIGKILL this long after it. */
const forceKillAfterMs = 500;

/**
 * After the child is killed, a grandchild may still hold its stdout open (ssh's ProxyCommand does):
 * stop waiting for the pipes this long after the child itself exited.
 */
const pipeGraceAfterExitMs = 200;

/**
 * Children still running when our own process exits are killed with it, so that neither the CLI nor
 * an extension host that goes away leaves an ssh behind.
 */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Children started in a session of their own, whose signals go to their whole process group. */
const groupLeaders = new WeakSet<ChildProcess>();

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (groupLeaders.has(child) && child.pid !== undefined) {
    try {
      // The docker CLI's ssh is in the group too; it must not outlive docker.
      process.kill(-child.pid, name);
      return;
    } catch {
      // The group is gone already; fall through to the child itself.
    }
  }
  child.kill(name);
}

function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const running of liveChildren) {
        signal(running, 'SIGKILL');
      }
    });
  }
  liveChildren.add(child);
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
 *
 * node:child_process and not execa: this one call is all we use, and execa with its dependencies
 * was half of the extension bundle. Every binary we start is a real executable (ssh, ssh-add,
 * ssh-keygen, ssh-keyscan, docker), so Windows needs no `.cmd` shim handling either.
 */
export function runProcess(file: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const started = performance.now();
  processesStarted++;
  const command = [file, ...args].join(' ');
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    let cancelled = false;
    let spawnError: string | undefined;
    let exitCode: number | undefined;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const ownSession = options.withoutTerminal === true && process.platform !== 'win32';
    const child = spawn(file, args, {
      shell: false,
      windowsHide: true,
      detached: ownSession,
      cwd: options.cwd,
      env: nonInteractiveEnv(options.env),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (ownSession) groupLeaders.add(child);
    track(child);

    const finish = (): void => {
      if (settled) {
        return;
      }
      settled = true;
      timers.forEach(clearTimeout);
      options.signal?.removeEventListener('abort', onAbort);
      liveChildren.delete(child);
      resolve({
        command,
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
        cancelled,
        spawnError,
        durationMs: performance.now() - started,
      });
    };

    const kill = (): void => {
      signal(child, 'SIGTERM');
      timers.push(setTimeout(() => signal(child, 'SIGKILL'), forceKillAfterMs));
    };
    const onAbort = (): void => {
      cancelled = true;
      kill();
    };

    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      options.onStdout?.(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      // 'error' also reports a failed kill() of a child that is already gone; only a child that
      // never started is a spawn error.
      if (child.pid === undefined) {
        spawnError = error.message;
        finish();
      }
    });
    child.on('exit', (code) => {
      exitCode = code ?? undefined;
      if (timedOut || cancelled) {
        timers.push(setTimeout(finish, pipeGraceAfterExitMs));
      }
    });
    child.on('close', finish);

    if (options.input !== undefined && child.stdin) {
      // A child that exits without reading its input must not crash us with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
    timers.push(
      setTimeout(() => {
        timedOut = true;
        kill();
      }, options.timeoutMs),
    );
    if (options.signal?.aborted) {
      onAbort();
    } else {
      options.signal?.addEventListener('abort', onAbort, { once: true });
    }
  });
}
