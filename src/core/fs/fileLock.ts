import { randomBytes } from 'node:crypto';
import { link, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { processAlive } from './processAlive';

/**
 * A lock file next to the file it guards, so that two processes editing one ssh config take turns.
 *
 * The lock is created complete (written to a private temp file, then hard-linked into place, which
 * fails if it exists), so nobody ever reads a half-written lock. A lock whose owner died (same
 * machine, pid gone) or that is very old (another machine, e.g. a shared home) is stale. Breaking a
 * stale lock happens under a second, short-lived "breaker" lock, and only if the lock still holds
 * the very bytes judged stale, so two waiters never both break it and never delete a fresh lock.
 */
export interface FileLockOptions {
  /** Give up waiting after this long. */
  readonly timeoutMs?: number;
  /** A lock from another machine counts as stale after this long. */
  readonly foreignStaleMs?: number;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly created: number;
}

export class LockTimeoutError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number | undefined,
  ) {
    super(
      `Timed out waiting for the lock ${lockFile}${holderPid !== undefined ? ` (held by process ${holderPid})` : ''}. ` +
        'If no other program is editing the ssh config, delete that lock file and try again.',
    );
    this.name = 'LockTimeoutError';
  }
}

const unreadableStaleMs = 10_000;
const breakerStaleMs = 10_000;

function newOwner(): LockOwner {
  return { pid: process.pid, host: os.hostname(), token: randomBytes(8).toString('hex'), created: Date.now() };
}

/** Creates `file` holding `content`, atomically and only if it does not exist yet. */
async function createExclusive(file: string, content: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.new`;
  try {
    // Inside the try: on a full disk the temp file is created and then the write fails; it must go too.
    await writeFile(temp, content, { flag: 'wx', mode: 0o600 });
    await link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      return false;
    }
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      // No hard links on this file system: exclusive create is the next best thing.
      try {
        await writeFile(file, content, { flag: 'wx', mode: 0o600 });
        return true;
      } catch (fallbackError) {
        if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') {
          return false;
        }
        throw fallbackError;
      }
    }
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function readLock(file: string): Promise<{ raw: string; owner?: LockOwner; ageMs: number } | undefined> {
  try {
    const [raw, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    let owner: LockOwner | undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<LockOwner>;
      if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.token === 'string') {
        owner = parsed as LockOwner;
      }
    } catch {
      owner = undefined;
    }
    return { raw, owner, ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

function isStale(lock: { owner?: LockOwner; ageMs: number }, foreignStaleMs: number): boolean {
  if (lock.owner === undefined) {
    return lock.ageMs > unreadableStaleMs;
  }
  if (lock.owner.host === os.hostname()) {
    return !processAlive(lock.owner.pid);
  }
  return lock.ageMs > foreignStaleMs;
}

/** Returns whether the stale lock is gone. */
async function breakStaleLock(lockFile: string, staleRaw: string, foreignStaleMs: number): Promise<boolean> {
  const breaker = `${lockFile}.break`;
  const me = JSON.stringify(newOwner());
  if (!(await createExclusive(breaker, me))) {
    const other = await readLock(breaker);
    if (other && (isStale(other, foreignStaleMs) || other.ageMs > breakerStaleMs)) {
      // A breaker that died within its few milliseconds of work.
      await unlink(breaker).catch(() => undefined);
    }
    return false;
  }
  try {
    const current = await readLock(lockFile);
    if (current?.raw === staleRaw) {
      await unlink(lockFile);
    }
    return true;
  } finally {
    const mine = await readLock(breaker);
    if (mine?.raw === me) {
      await unlink(breaker).catch(() => undefined);
    }
  }
}

/** Private temp files of lock takers that were killed between writing and linking them. */
async function removeAbandonedLockTemps(lockFile: string): Promise<void> {
  const dir = path.dirname(lockFile);
  const prefix = `${path.basename(lockFile)}.`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = /^(?:break\.)?(\d+)\.[0-9a-f]{12}\.new$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : '');
    if (match && !processAlive(Number(match[1]))) {
      await unlink(path.join(dir, name)).catch(() => undefined);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` while holding the lock file `lockFile`; always releases it, even when `work` throws. */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const foreignStaleMs = options.foreignStaleMs ?? 5 * 60_000;
  const content = JSON.stringify(newOwner());
  const started = Date.now();
  let delay = 5;
  for (;;) {
    if (await createExclusive(lockFile, content)) {
      break;
    }
    const held = await readLock(lockFile);
    if (held === undefined) {
      continue; // Released between our two calls.
    }
    if (isStale(held, foreignStaleMs) && (await breakStaleLock(lockFile, held.raw, foreignStaleMs))) {
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new LockTimeoutError(lockFile, held.owner?.pid);
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 100);
  }
  try {
    await removeAbandonedLockTemps(lockFile);
    return await work();
  } finally {
    const current = await readLock(lockFile).catch(() => undefined);
    if (current?.raw === content) {
      await unlink(lockFile).catch(() => undefined);
    }
  }
}
