import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadInputError } from '../core/errors';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Thrown when the arguments ask for help; runCli prints the command's help and exits 0. */
export class HelpRequested extends Error {
  constructor(readonly command: string) {
    super(`help for ${command}`);
    this.name = 'HelpRequested';
  }
}

/** `--help` or `-h` anywhere before `--` (an option value that is literally "--help" is a mistake anyway). */
export function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/**
 * node:util parseArgs over the tokens, with every complaint phrased by us: it names the option and
 * the command, and is bad input (exit 2). Node's own strict-mode messages talk about `--` and
 * "ambiguous" arguments, which tells a user nothing.
 */
export function parseCliArgs<T extends OptionsConfig>(command: string, args: string[], options: T) {
  if (asksForHelp(args)) throw new HelpRequested(command);
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  const seeHelp = `see: remote-docker-ssh ${command} --help`;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (option === undefined) {
      // A short option group (-oProxyCommand=x) yields one token per letter; the first one names it.
      throw new BadInputError(`Unknown option '${token.rawName}' for "${command}" (${seeHelp}).`);
    }
    if (option.type === 'boolean' && token.inlineValue) {
      throw new BadInputError(`${token.rawName} takes no value (${seeHelp}).`);
    }
    if (option.type === 'string') {
      if (token.value === undefined) throw new BadInputError(`${token.rawName} needs a value (${seeHelp}).`);
      if (!token.inlineValue && token.value.startsWith('-')) {
        throw new BadInputError(
          `${token.rawName} needs a value, but the next argument looks like an option; write ${token.rawName}=VALUE if you mean it (${seeHelp}).`,
        );
      }
    }
  }
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}
