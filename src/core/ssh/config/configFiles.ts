import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { BadInputError } from '../../errors';
import { decodeBytes, recodeUtf8, splitConfigLines, type ConfigLine } from './configLines';
import { isConcreteAlias } from './hostPatterns';
import { expandInclude, type IncludeBase } from './includeGlob';
import { defaultIncludeBase } from './paths';

/** OpenSSH's READCONF_MAX_DEPTH. */
export const maxIncludeDepth = 16;
/** A ceiling on files read per config, so a glob that includes its own folder cannot fan out. */
const maxIncludedFiles = 512;

export interface ConfiguredHost {
  readonly alias: string;
  /** Absolute path of the file that holds the `Host` line. */
  readonly file: string;
  /** 1-based line number of the `Host` line. */
  readonly line: number;
}

export interface ReadConfigOptions {
  /** Defaults to `~/.ssh` and the passwd home, as OpenSSH resolves them. */
  readonly includeBase?: IncludeBase;
}

/** The lines of one config file, or undefined when it does not exist. */
export async function readConfigLines(file: string): Promise<ConfigLine[] | undefined> {
  try {
    return splitConfigLines(decodeBytes(await readFile(file)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return undefined;
    }
    if (code === 'EISDIR') {
      throw new BadInputError(`${file} is a folder, not an ssh config file.`);
    }
    throw error;
  }
}

/**
 * Walks a config and every file it includes, line by line in the order ssh reads them. Include cycles and runaway globs stop at OpenSSH's depth limit and our file ceiling.
 */
export async function walkConfigTree(
  configFile: string,
  visit: (file: string, line: ConfigLine) => void,
  options: ReadConfigOptions = {},
): Promise<void> {
  const base = options.includeBase ?? defaultIncludeBase();
  let filesRead = 0;
  const stack: string[] = [];
  const walk = async (file: string, depth: number): Promise<void> => {
    if (depth > maxIncludeDepth || filesRead >= maxIncludedFiles || stack.includes(file)) {
      return;
    }
    const lines = depth === 0 ? await readConfigLines(file) : await readConfigLines(file).catch(() => undefined);
    if (lines === undefined) {
      return;
    }
    filesRead++;
    stack.push(file);
    for (const line of lines) {
      visit(file, line);
      if (line.keyword === 'include') {
        for (const argument of line.args) {
          for (const included of await expandInclude(recodeUtf8(argument), base)) {
            await walk(included, depth + 1);
          }
        }
      }
    }
    stack.pop();
  };
  await walk(path.resolve(configFile), 0);
}

/** Every concrete alias (no wildcard, no negation) on a `Host` line, following `Include`. */
export async function listConfiguredHosts(configFile: string, options: ReadConfigOptions = {}): Promise<ConfiguredHost[]> {
  const hosts: ConfiguredHost[] = [];
  await walkConfigTree(
    configFile,
    (file, line) => {
      if (line.keyword !== 'host') {
        return;
      }
      for (const pattern of line.args) {
        if (isConcreteAlias(pattern)) {
          hosts.push({ alias: recodeUtf8(pattern), file, line: line.index + 1 });
        }
      }
    },
    options,
  );
  return hosts;
}
