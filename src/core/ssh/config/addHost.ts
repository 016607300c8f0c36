import { lstat, mkdir, readFile, readlink, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { asFileWriteError, BadInputError } from '../../errors';
import { removeAbandonedTempFiles, writeFileAtomic } from '../../fs/atomicWrite';
import { withFileLock } from '../../fs/fileLock';
import { validateAlias, validateHostName, validateIdentityFile, validatePort, validateUser } from '../hostSpec';
import { listConfiguredHosts, maxIncludeDepth, readConfigLines, type ReadConfigOptions } from './configFiles';
import { findConfigOddities, type ConfigOddity } from './configOddities';
import { decodeBytes, recodeUtf8, splitConfigLines } from './configLines';
import { findShadow, planHostInsertion, type IncludeShadowCheck, type NewHostBlock } from './hostInsertion';
import { expandInclude, type IncludeBase } from './includeGlob';
import { defaultIncludeBase } from './paths';

export interface NewHostSpec {
  readonly alias: string;
  readonly hostname: string;
  readonly user?: string;
  /** A number, or the digits as typed. */
  readonly port?: number | string;
  readonly identityFile?: string;
}

export interface AddHostResult {
  /** The file written (the target when the config is a symlink). */
  readonly file: string;
  /** A copy of the previous version; absent when the config did not exist. */
  readonly backupFile?: string;
  /** 1-based line of the new `Host` line. */
  readonly line: number;
  /** A BOM or NUL bytes found in the file as it was, with what ssh makes of them. */
  readonly oddities: readonly ConfigOddity[];
  /** The exact bytes spliced in and where: what removeAddedHost takes out again. */
  readonly inserted: AddedHostBlock;
}

export interface AddedHostBlock {
  /** The file written (the target when the config is a symlink). */
  readonly file: string;
  /** Byte offset of the splice in the file as it was then. */
  readonly offset: number;
  /** The spliced text (UTF-8), separators and a closing `Host *` included. */
  readonly text: string;
}

export interface AddHostOptions extends ReadConfigOptions {
  /** How long to wait for another writer's lock. */
  readonly lockTimeoutMs?: number;
}

export const backupSuffix = '.remote-docker-ssh.bak';

/** Checks every field before anything is touched; throws BadInputError naming the first problem. */
export function validateNewHost(spec: NewHostSpec): NewHostBlock {
  const fail = (problem: string | undefined): void => {
    if (problem !== undefined) {
      throw new BadInputError(problem);
    }
  };
  fail(validateAlias(spec.alias));
  fail(validateHostName(spec.hostname));
  if (spec.user !== undefined) {
    fail(validateUser(spec.user));
  }
  let port: number | undefined;
  if (spec.port !== undefined) {
    const text = typeof spec.port === 'number' ? String(spec.port) : spec.port;
    fail(validatePort(text));
    port = Number(text);
  }
  if (spec.identityFile !== undefined) {
    fail(validateIdentityFile(spec.identityFile));
  }
  return {
    alias: spec.alias,
    hostname: spec.hostname,
    ...(spec.user !== undefined ? { user: spec.user } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(spec.identityFile !== undefined ? { identityFile: spec.identityFile } : {}),
  };
}

/** Included files shadow the alias when, read the same way, something in them would. */
function includeShadowCheck(alias: string, base: IncludeBase): IncludeShadowCheck {
  let budget = 512;
  const check =
    (depth: number): IncludeShadowCheck =>
    async (args) => {
      if (depth >= maxIncludeDepth) {
        return false;
      }
      for (const argument of args) {
        for (const file of await expandInclude(recodeUtf8(argument), base)) {
          if (--budget < 0) {
            return false;
          }
          const lines = await readConfigLines(file).catch(() => undefined);
          if (lines && (await findShadow(lines, alias, check(depth + 1))).kind !== 'none') {
            return true;
          }
        }
      }
      return false;
    };
  return check(1);
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
 * Adds a `Host` block to an ssh config as a pure text splice: every existing byte stays, the
 * block lands above whatever would shadow it, and the write is atomic with a backup. Concurrent
 * callers take turns on a lock file and each re-reads the file under the lock, so none loses
 * another's block.
 */
export async function addHost(configFile: string, spec: NewHostSpec, options: AddHostOptions = {}): Promise<AddHostResult> {
  const block = validateNewHost(spec);
  const base = options.includeBase ?? defaultIncludeBase();
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
        'Replace the extra links with symbolic links, or add the host by hand. Nothing was changed.',
    );
  }
  try {
    // A new ~/.ssh must not be readable by others; ssh refuses some files in a group-writable one.
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    return await lockedAdd(target, block, base, options);
  } catch (error) {
    throw asFileWriteError(error, target);
  }
}

async function lockedAdd(target: string, block: NewHostBlock, base: IncludeBase, options: AddHostOptions): Promise<AddHostResult> {
  return withFileLock(
    `${target}.lock`,
    async () => {
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
      const wanted = block.alias.toLowerCase();
      const existing = (await listConfiguredHosts(target, { includeBase: base })).find(
        (host) => host.alias.toLowerCase() === wanted,
      );
      if (existing) {
        throw new BadInputError(`The alias "${block.alias}" already exists: ${existing.file} line ${existing.line}.`);
      }
      const text = decodeBytes(original);
      const insertion = await planHostInsertion(text, splitConfigLines(text), block, includeShadowCheck(block.alias, base));
      const updated = Buffer.concat([
        original.subarray(0, insertion.offset),
        Buffer.from(insertion.text, 'utf8'),
        original.subarray(insertion.offset),
      ]);
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
      return {
        file: target,
        ...(backupFile !== undefined ? { backupFile } : {}),
        line: insertion.hostLine,
        oddities: findConfigOddities(target, original),
        inserted: { file: target, offset: insertion.offset, text: insertion.text },
      };
    },
    { timeoutMs: options.lockTimeoutMs },
  );
}
