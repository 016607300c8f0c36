import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { processAlive } from './processAlive';
import { pauseForCrashTest } from './testPause';

export interface AtomicWriteOptions {
  /** Permission bits of the written file. */
  readonly mode: number;
  /** Owner to keep; only applied when it differs from ours (and we may change it, i.e. as root). */
  readonly uid?: number;
  readonly gid?: number;
  /** Lets the crash test stop this write (see testPause.ts); set for the config itself, not its backup. */
  readonly crashTestPoints?: boolean;
}

const tempPattern = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Replaces `file` with `data` so that readers see the old bytes or the new bytes, never a mix:
 * a temp file in the same folder, fsync, rename over, fsync the folder.
 */
export async function writeFileAtomic(file: string, data: Uint8Array, options: AtomicWriteOptions): Promise<void> {
  const temp = tempNameFor(file);
  const handle = await open(temp, 'wx', 0o600);
  let renamed = false;
  try {
    await handle.chmod(options.mode & 0o7777);
    const uid = options.uid ?? -1;
    const gid = options.gid ?? -1;
    if (process.getuid !== undefined && ((uid !== -1 && uid !== process.getuid()) || (gid !== -1 && gid !== process.getgid?.()))) {
      // A user may own a file whose group they are not in (a shared home, a group changed by an
      // admin): then fchown to that group fails with EPERM. Writing the bytes matters more than the
      // group, so keep the new file in our own group rather than refuse the edit.
      await handle.chown(uid, gid).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPERM') {
          throw error;
        }
      });
    }
    // Two writes instead of one so the crash test can stop a writer with half the bytes written.
    const half = Math.floor(data.byteLength / 2);
    await handle.write(data, 0, half, 0);
    if (options.crashTestPoints) {
      await pauseForCrashTest('partial-write');
    }
    await handle.write(data, half, data.byteLength - half, half);
    await handle.sync();
    await handle.close();
    if (options.crashTestPoints) {
      await pauseForCrashTest('before-rename');
    }
    await rename(temp, file);
    renamed = true;
    await syncDirectory(path.dirname(file));
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') {
    return;
  }
  const handle = await open(dir, 'r').catch(() => undefined);
  if (handle) {
    await handle.sync().catch(() => undefined);
    await handle.close();
  }
}

/**
 * Deletes temp files that a writer killed mid-write left next to `file`. Call it while holding the
 * file's lock; a temp file whose writer is still alive is never touched.
 */
export async function removeAbandonedTempFiles(file: string): Promise<number> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = tempPattern.exec(name);
    if (match && match[1] === base && !processAlive(Number(match[2]))) {
      await unlink(path.join(dir, name)).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}
