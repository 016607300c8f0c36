import { runDoctor, defaultDoctorTimeoutMs } from '../core/doctor/doctor';
import { checkIds, type CheckId, type DoctorPath } from '../core/doctor/checks/types';
import { BadInputError } from '../core/errors';
import { ExitCode, type CliStreams } from './output';
import { formatDoctorReport } from './doctorReportText';
import { parseTimeoutSeconds } from './timeoutOption';
import { parseCliArgs } from './parseCliArgs';
import { chosenConfigPath } from '../core/ssh/config/paths';
import { dockerContainerClient, podmanContainerClient } from '../core/docker/remoteDockerExtension';

function parsePath(value: string | undefined): DoctorPath {
  if (value === undefined) return 'remote-ssh';
  if (value === 'remote-ssh' || value === 'docker-host') return value;
  throw new BadInputError(`--path must be remote-ssh or docker-host, not "${value}"`);
}

function parseOnly(value: string | undefined): CheckId[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((id) => id.trim());
  const unknown = ids.filter((id) => !(checkIds as readonly string[]).includes(id));
  if (unknown.length > 0) throw new BadInputError(`unknown check id(s) for --only: ${unknown.join(', ')} (known: ${checkIds.join(', ')})`);
  return ids as CheckId[];
}

/**
 * `--container-client docker|podman`: what Container Tools' `containers.containerClient` says in the
 * user's editor, which the extension reads itself and a terminal cannot see. It changes only the
 * remote-ssh path's checks, so with --path docker-host it is refused rather than silently ignored.
 */
function parseContainerClient(value: string | undefined, path: DoctorPath): string | undefined {
  if (value === undefined) return undefined;
  if (path !== 'remote-ssh') throw new BadInputError('--container-client applies to --path remote-ssh only (Container Tools\' client runs on the host)');
  if (value === 'docker') return dockerContainerClient;
  if (value === 'podman') return podmanContainerClient;
  throw new BadInputError(`--container-client must be docker or podman, not "${value}"`);
}

/** `remote-docker-ssh doctor TARGET [--path remote-ssh|docker-host] [--config FILE] [--timeout S] [--json] [--only IDS] [--container-client docker|podman]` */
export async function doctorCommand(args: string[], io: CliStreams): Promise<number> {
  const { values, positionals } = parseCliArgs('doctor', args, { path: { type: 'string' }, config: { type: 'string' }, timeout: { type: 'string' }, json: { type: 'boolean' }, only: { type: 'string' }, 'container-client': { type: 'string' } });
  const target = positionals[0];
  const path = values.path === 'docker-host' ? 'docker-host' : 'remote-ssh';
  try {
    if (positionals.length !== 1 || target === undefined) throw new BadInputError('doctor takes exactly one TARGET (an ssh config alias or [user@]host[:port])');
    const doctorPath = parsePath(values.path);
    const report = await runDoctor({
      target,
      path: doctorPath,
      configFile: chosenConfigPath(values.config),
      timeoutMs: values.timeout !== undefined ? parseTimeoutSeconds(values.timeout) * 1000 : defaultDoctorTimeoutMs,
      only: parseOnly(values.only),
      containerClient: parseContainerClient(values['container-client'], doctorPath),
    });
    if (values.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout.write(formatDoctorReport(report, io.stdout.isTTY === true && process.env.NO_COLOR === undefined));
    return report.ok ? ExitCode.ok : ExitCode.checkFailed;
  } catch (error) {
    // With --json a script still gets one object on stdout; the message also goes to stderr (runCli).
    if (error instanceof BadInputError && values.json) {
      io.stdout.write(`${JSON.stringify({ target: target ?? '', path, ok: false, code: error.code, message: error.message, totalMs: 0, checks: [] }, null, 2)}\n`);
    }
    throw error;
  }
}
