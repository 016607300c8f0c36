import type { DoctorReport } from '../../core/doctor/doctor';
import { closeMaster, masterAnswerMs, removeStaleMasterSocket } from '../../core/ssh/controlMaster';
import { readEffectiveSshConfig } from '../../core/ssh/sshEffectiveConfig';
import { parseTarget } from '../../core/ssh/hostSpec';
import { log } from '../log';
import { ensureTarget } from '../ssh/hostTarget';
import { chosenSshConfigFile } from '../ssh/sshConfigFile';
import { checkSetup } from './checkSetup';

/**
 * The reconnect half of the docker group fix: a shared ssh connection (ControlMaster) keeps the
 * groups of its login, so after `usermod -aG docker` docker stays denied through it. Closing it
 * (`ssh -O exit`, non-interactive) makes the next docker command log in with the new group; then check again.
 * A master that died and left its socket behind is cleared too: its socket is removed.
 */
export async function closeSharedConnection(args?: { readonly target?: string; readonly quiet?: boolean }): Promise<DoctorReport | undefined> {
  const target = args?.target ?? (await ensureTarget());
  if (!target) {
    return undefined;
  }
  const host = parseTarget(target);
  const configFile = chosenSshConfigFile();
  const closed = await closeMaster(host, configFile);
  log().info(`ssh -O exit ${target}: ${closed.exitCode === 0 ? 'the shared connection was closed' : closed.stderr.trim() || 'no shared connection'}`);
  if (closed.exitCode !== 0) {
    // A master that died left its socket, which -O exit cannot end (ssh-master-stale).
    const { config } = await readEffectiveSshConfig(host, configFile, { timeoutMs: 10_000 });
    const removed = config ? await removeStaleMasterSocket(config, host, configFile, { timeoutMs: masterAnswerMs }) : undefined;
    if (removed !== undefined) log().info(`Removed the socket a dead shared connection left: ${removed}`);
  }
  return checkSetup({ quiet: args?.quiet });
}
