import { BadInputError, FileWriteError } from '../core/errors';
import { dockerHostCommand } from './dockerHostCommand';
import { hostsCommand } from './hostsCommand';
import { ExitCode, neutralisedStreams, type CliStreams } from './output';
import { doctorCommand } from './doctorCommand';
import { trustHostCommand } from './trustHostCommand';
import { findCommandHelp, formatCommandHelp, formatOverview } from './commandHelp';
import { HelpRequested } from './parseCliArgs';
import { cliVersion } from './version';

type Subcommand = (args: string[], io: CliStreams) => Promise<number>;

// One row per subcommand; each lives in its own file under src/cli/.
const subcommands: Record<string, Subcommand> = {
  doctor: doctorCommand,
  'trust-host': trustHostCommand,
  hosts: hostsCommand,
  'docker-host': dockerHostCommand,
};

export async function runCli(argv: readonly string[], io: CliStreams): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(formatOverview(cliVersion));
    return ExitCode.badInput;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(formatOverview(cliVersion));
    return ExitCode.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${cliVersion}\n`);
    return ExitCode.ok;
  }
  const subcommand = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!subcommand) {
    const what = name.startsWith('-') ? `unknown option '${name}'` : `unknown command "${name}"`;
    neutralisedStreams(io).stderr.write(`remote-docker-ssh: ${what}; the commands are: ${Object.keys(subcommands).join(', ')} (see: remote-docker-ssh --help).
`);
    return ExitCode.badInput;
  }
  const safeIo = neutralisedStreams(io);
  try {
    return await subcommand(rest, subcommand === doctorCommand ? io : safeIo);
  } catch (error) {
    if (error instanceof HelpRequested) {
      const help = findCommandHelp(error.command);
      if (help) {
        io.stdout.write(formatCommandHelp(help));
        return ExitCode.ok;
      }
    }
    if (error instanceof BadInputError) {
      safeIo.stderr.write(`remote-docker-ssh: ${error.message}\n`);
      return ExitCode.badInput;
    }
    if (error instanceof FileWriteError) {
      safeIo.stderr.write(`remote-docker-ssh: ${error.message}\n`);
      return ExitCode.writeFailed;
    }
    throw error;
  }
}
