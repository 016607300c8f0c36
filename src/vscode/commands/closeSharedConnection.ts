import type { DoctorReport } from '../../core/doctor/doctor';
import { closeMaster } from '../../core/ssh/controlMaster';
import { parseTarget } from '../../core/ssh/hostSpec';
import { log } from '../log';
import { ensureTarget } from '../ssh/hostTarget';
import { chosenSshConfigFile } from '../ssh/sshConfigFile';
import { checkSetup } from './checkSetup';

/**
 * The reconnect half of the docker group fix: a shared ssh connection (ControlMaster) keeps the
 * groups of its login, so after `usermod -aG docker` docker stays denied through it. Closing it
 * (`ssh -O exit`, non-interactive) makes the next docker command log in with the new group; then check again.
 */
export async function closeSharedConnection(args?: { readonly target?: string; readonly quiet?: boolean }): Promise<DoctorReport | undefined> {
  const target = args?.target ?? (await ensureTarget());
  if (!target) {
    return undefined;
  }
  const closed = await closeMaster(parseTarget(target), chosenSshConfigFile());
  log().info(`ssh -O exit ${target}: ${closed.exitCode === 0 ? 'the shared connection was closed' : closed.stderr.trim() || 'no shared connection'}`);
  return checkSetup({ quiet: args?.quiet });
}
