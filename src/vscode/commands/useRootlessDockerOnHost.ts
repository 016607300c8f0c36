import * as vscode from 'vscode';
import type { DoctorReport } from '../../core/doctor/doctor';
import { parseDoctorTarget, sshDestinationArgs } from '../../core/ssh/doctorTarget';
import { log } from '../log';
import { ensureTarget } from '../ssh/hostTarget';
import { chosenSshConfigFile } from '../ssh/sshConfigFile';
import { exitStatusText, runInTerminal } from '../ui/terminalProcess';
import { checkSetup } from './checkSetup';

/**
 * Our own text only (no user or remote text): sh on the host expands its own XDG_RUNTIME_DIR, where
 * a rootless engine listens, and keeps a `rootless` context that dockerd-rootless-setuptool.sh made.
 * `sh -c` so that a fish or csh login shell runs it the same way.
 */
export const selectRootlessContext = `sh -c 'docker context inspect rootless >/dev/null 2>&1 || docker context create rootless --docker "host=unix://$XDG_RUNTIME_DIR/docker.sock"; docker context use rootless'`;

/**
 * The fix for docker-rootless-not-selected: on the host, select the rootless engine's docker
 * context, which `docker system dial-stdio` (every ssh:// DOCKER_HOST) honours; then check again.
 * In a terminal, so that a passphrase prompt of ssh is real; the host key must be known already.
 */
export async function useRootlessDockerOnHost(): Promise<DoctorReport | undefined> {
  const target = await ensureTarget();
  if (!target) {
    return undefined;
  }
  const configFile = chosenSshConfigFile();
  const args = [...(configFile !== undefined ? ['-F', configFile] : []), '-o', 'StrictHostKeyChecking=yes', ...sshDestinationArgs(parseDoctorTarget(target)), selectRootlessContext];
  const code = await runInTerminal(vscode.l10n.t('Rootless Docker on {0}', target), 'ssh', args, undefined, {
    success: vscode.l10n.t('{0} now uses its rootless Docker engine for ssh sessions', target),
  });
  if (code !== 0) {
    log().warn(`docker context use rootless on ${target}: ${exitStatusText(code)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Selecting the rootless engine on {0} failed ({1}); the terminal shows why.', target, exitStatusText(code)));
    return undefined;
  }
  log().info(`docker context use rootless on ${target}: done`);
  return checkSetup();
}
