import { BadInputError } from '../../errors';
import { validateAlias, validateHostName, validateIdentityFile, validatePort, validateUser } from '../hostSpec';
import { listConfiguredHosts, maxIncludeDepth, readConfigLines, type ReadConfigOptions } from './configFiles';
import type { ConfigOddity } from './configOddities';
import { editConfigFile } from './editConfigFile';
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

export { backupSuffix } from './editConfigFile';

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

/**
 * Adds a `Host` block to an ssh config as a pure text splice: every existing byte stays, the
 * block lands above whatever would shadow it, and the write is atomic with a backup. Concurrent
 * callers take turns on a lock file and each re-reads the file under the lock, so none loses
 * another's block.
 */
export async function addHost(configFile: string, spec: NewHostSpec, options: AddHostOptions = {}): Promise<AddHostResult> {
  const block = validateNewHost(spec);
  const base = options.includeBase ?? defaultIncludeBase();
  const edited = await editConfigFile(
    configFile,
    async (original, _existed, target) => {
      const wanted = block.alias.toLowerCase();
      const existing = (await listConfiguredHosts(target, { includeBase: base })).find((host) => host.alias.toLowerCase() === wanted);
      if (existing) {
        throw new BadInputError(`The alias "${block.alias}" already exists: ${existing.file} line ${existing.line}.`);
      }
      const text = decodeBytes(original);
      const insertion = await planHostInsertion(text, splitConfigLines(text), block, includeShadowCheck(block.alias, base));
      const updated = Buffer.concat([original.subarray(0, insertion.offset), Buffer.from(insertion.text, 'utf8'), original.subarray(insertion.offset)]);
      return { updated, value: { hostLine: insertion.hostLine, inserted: { file: target, offset: insertion.offset, text: insertion.text } } };
    },
    { lockTimeoutMs: options.lockTimeoutMs },
  );
  return {
    file: edited.file,
    ...(edited.backupFile !== undefined ? { backupFile: edited.backupFile } : {}),
    line: edited.value.hostLine,
    inserted: edited.value.inserted,
    oddities: edited.oddities,
  };
}
