import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadInputError } from '../core/errors';

/** node:util parseArgs, with its errors (unknown flag, missing value) turned into bad input: exit 2. */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new BadInputError(error instanceof Error ? error.message : String(error));
  }
}
