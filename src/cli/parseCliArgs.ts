import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadInputError } from '../core/errors';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs (strict, with positionals), its complaints turned into bad input (exit 2). */
export function parseCliArgs<T extends OptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new BadInputError(error instanceof Error ? error.message : String(error));
  }
}
