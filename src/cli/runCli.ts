import { BadInputError, FileWriteError } from '../core/errors';
import { dockerHostCommand } from './dockerHostCommand';
import { hostsCommand } from './hostsCommand';
import { ExitCode, neutralisedStreams, type CliStreams } from './output';
import { doctorCommand } from './doctorCommand';
import { trustHostCommand } from './trustHostCommand';

type Subcommand = (args: string[], io: CliStreams) => Promise<number>;

// One row per subcommand; each lives in its own file under src/cli/.
const subcommands: Record<string, Subcommand> = {
  doctor: doctorCommand,
  'trust-host': trustHostCommand,
  hosts: hostsCommand,
  'docker-host': dockerHostCommand,
};

const usage = `Usage:
  remote-docker-ssh hosts list   [--config FILE] [--json]
  remote-docker-ssh hosts add    ALIAS --hostname H [--user U] [--port P] [--identity-file F] [--config FILE]
  remote-docker-ssh doctor       TARGET [--path remote-ssh|docker-host] [--config FILE] [--timeout SECONDS] [--json] [--only CHECK,...]
  remote-docker-ssh docker-host  TARGET [--config FILE] [--json]
  remote-docker-ssh trust-host   TARGET --fingerprint SHA256:... [--config FILE] [--timeout SECONDS]
`;

export async function runCli(argv: readonly string[], io: CliStreams): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage);
    return name === undefined ? ExitCode.badInput : ExitCode.ok;
  }
  const subcommand = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!subcommand) {
    neutralisedStreams(io).stderr.write(`remote-docker-ssh: unknown command "${name}"\n\n${usage}`);
    return ExitCode.badInput;
  }
  const safeIo = neutralisedStreams(io);
  try {
    return await subcommand(rest, subcommand === doctorCommand ? io : safeIo);
  } catch (error) {
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
