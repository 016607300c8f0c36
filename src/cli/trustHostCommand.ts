import { trustHostKey } from '../core/ssh/knownHosts';
import { BadInputError } from '../core/errors';
import { parseDoctorTarget } from '../core/ssh/doctorTarget';
import { ExitCode, type CliStreams } from './output';
import { parseTimeoutSeconds } from './timeoutOption';
import { parseCliArgs } from './parseCliArgs';
import { chosenConfigPath } from '../core/ssh/config/paths';

/** `remote-docker-ssh trust-host TARGET --fingerprint SHA256:… [--config FILE] [--timeout S]` */
export async function trustHostCommand(args: string[], io: CliStreams): Promise<number> {
  const { values, positionals } = parseCliArgs('trust-host', args, { fingerprint: { type: 'string' }, config: { type: 'string' }, timeout: { type: 'string' } });
  const target = positionals[0];
  if (positionals.length !== 1 || target === undefined) throw new BadInputError('trust-host takes exactly one TARGET (an ssh config alias or [user@]host[:port])');
  parseDoctorTarget(target);
  if (values.fingerprint === undefined) throw new BadInputError('trust-host needs --fingerprint SHA256:… (the fingerprint you verified with the host\'s administrator)');
  const timeoutMs = values.timeout !== undefined ? parseTimeoutSeconds(values.timeout) * 1000 : 10_000;
  const outcome = await trustHostKey(target, values.fingerprint, chosenConfigPath(values.config), { timeoutMs });
  switch (outcome.status) {
    case 'written':
      io.stdout.write(`Added ${outcome.name} ${outcome.key.type} ${outcome.key.fingerprint} to ${outcome.file}.\n`);
      return ExitCode.ok;
    case 'already-trusted':
      io.stdout.write(`${outcome.name} ${outcome.key.type} ${outcome.key.fingerprint} is already in ${outcome.file}; nothing was written.\n`);
      return ExitCode.ok;
    case 'mismatch':
      io.stderr.write(`${outcome.name} offers ${outcome.offered.map((key) => `${key.type} ${key.fingerprint}`).join(', ')}, not ${values.fingerprint}. Nothing was written. Check the fingerprint with the host's administrator.\n`);
      return ExitCode.checkFailed;
    case 'changed':
      io.stderr.write(
        `SECURITY: the host key of ${outcome.name} has CHANGED (known: ${outcome.known.map((entry) => `${entry.type} ${entry.fingerprint} in ${entry.file}`).join(', ')}). Nothing was written. If the administrator confirms the new key, remove the old one with \`ssh-keygen -R '${outcome.name}'\` first.\n`,
      );
      return ExitCode.checkFailed;
    case 'unreachable':
      io.stderr.write(`Could not fetch the host key of ${outcome.name}: ${outcome.detail}. Nothing was written.\n`);
      return ExitCode.checkFailed;
  }
}
