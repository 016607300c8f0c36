import { lstat, mkdir, readFile, readlink, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { asFileWriteError, BadInputError } from '../../errors';
import { removeAbandonedTempFiles, writeFileAtomic } from '../../fs/atomicWrite';
import { withFileLock } from '../../fs/fileLock';
import { findConfigOddities, type ConfigOddity } from './configOddities';

export const backupSuffix = '.remote-docker-ssh.bak';

export interface ConfigEdit<T> {
  /** The new bytes, or undefined to leave the file (and its backup) untouched. */
  readonly updated: Buffer | undefined;
  readonly value: T;
}

export interface EditedConfig<T> {
  /** The file read (and written): the target when the config is a symlink. */
  readonly file: string;
  /** A copy of the previous version, when the file existed and was written. */
  readonly backupFile?: string;
  readonly written: boolean;
  /** A BOM or NUL bytes found in the file as it was, with what ssh makes of them. */
  readonly oddities: readonly ConfigOddity[];
  readonly value: T;
}

const maxSymlinkHops = 40;

/**
 * The file to write when the config is `configFile`. Dotfile managers symlink ~/.ssh/config: write
 * the file behind the link and keep the link, also when the link dangles (the target is created,
 * as `echo >> link` would). Followed one hop at a time because realpath fails on a dangling link.
 */
async function resolveTarget(configFile: string): Promise<string> {
  let current = path.resolve(configFile);
  for (let hop = 0; hop <= maxSymlinkHops; hop++) {
    const info = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        return undefined;
      }
      throw error;
    });
    if (!info?.isSymbolicLink()) {
      return current;
    }
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw new BadInputError(`${configFile} is a chain of more than ${maxSymlinkHops} symbolic links (a loop?); nothing was changed.`);
}

/**
 * One edit of an ssh config, as a pure byte transformation: the file is re-read under a lock file
 * (concurrent writers take turns and none loses another's change), the previous version is kept as
 * a backup, and the write is atomic with the file's mode and owner. Odd files (a folder, a device,
 * hard links) are refused as bad input before anything is touched.
 */
export async function editConfigFile<T>(
  configFile: string,
  edit: (original: Buffer, existed: boolean, file: string) => Promise<ConfigEdit<T>>,
  options: { readonly lockTimeoutMs?: number } = {},
): Promise<EditedConfig<T>> {
  const target = await resolveTarget(configFile);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new BadInputError(`${target} is a folder, not an ssh config file.`);
  }
  if (existing !== undefined && !existing.isFile()) {
    throw new BadInputError(`${target} is not a regular file (a device, pipe or socket); nothing was changed.`);
  }
  if (existing !== undefined && existing.nlink > 1) {
    // The write is a rename over the file, which would silently split the hard link: the other
    // name would keep the old bytes. Writing in place would lose atomicity. So refuse, and say how.
    throw new BadInputError(
      `${target} has ${existing.nlink} hard links; a safe (atomic) edit would separate them. ` +
        'Replace the extra links with symbolic links, or edit it by hand. Nothing was changed.',
    );
  }
  try {
    // A new ~/.ssh must not be readable by others; ssh refuses some files in a group-writable one.
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    return await withFileLock(`${target}.lock`, () => lockedEdit(target, edit), { timeoutMs: options.lockTimeoutMs });
  } catch (error) {
    throw asFileWriteError(error, target);
  }
}

async function lockedEdit<T>(target: string, edit: (original: Buffer, existed: boolean, file: string) => Promise<ConfigEdit<T>>): Promise<EditedConfig<T>> {
  await removeAbandonedTempFiles(target);
  await removeAbandonedTempFiles(`${target}${backupSuffix}`);
  let original: Buffer;
  let mode = 0o600;
  let owner: { uid?: number; gid?: number } = {};
  let existed = true;
  try {
    original = await readFile(target);
    const info = await stat(target);
    mode = info.mode & 0o7777;
    owner = { uid: info.uid, gid: info.gid };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
    original = Buffer.alloc(0);
    existed = false;
  }
  const { updated, value } = await edit(original, existed, target);
  const oddities = findConfigOddities(target, original);
  if (updated === undefined) {
    return { file: target, written: false, oddities, value };
  }
  let backupFile: string | undefined;
  let backupIsNew = false;
  if (existed) {
    backupFile = `${target}${backupSuffix}`;
    backupIsNew = (await stat(backupFile).catch(() => undefined)) === undefined;
    await writeFileAtomic(backupFile, original, { mode, ...owner });
  }
  try {
    await writeFileAtomic(target, updated, { mode, ...owner, crashTestPoints: true });
  } catch (error) {
    // A failed edit leaves the folder as it found it (a full disk after the backup fitted).
    if (backupFile !== undefined && backupIsNew) {
      await unlink(backupFile).catch(() => undefined);
    }
    throw error;
  }
  return { file: target, ...(backupFile !== undefined ? { backupFile } : {}), written: true, oddities, value };
}
