import * as vscode from 'vscode';
import { parseTarget } from '../../core/ssh/hostSpec';
import { closeMaster } from '../../core/ssh/controlMaster';
import { removeConnectionReuse, type ReuseResult } from '../../core/ssh/connectionReuse';
import { log } from '../log';
import { ensureTarget } from '../ssh/hostTarget';
import { chosenSshConfigFile, sshConfigFile } from '../ssh/sshConfigFile';

/** Removes exactly the lines "Make Docker over SSH fast" added for the host, after closing its shared connection. */
export async function undoMakeDockerFast(args?: { readonly target?: string }): Promise<ReuseResult | undefined> {
  const target = args?.target ?? (await ensureTarget());
  if (!target) {
    return undefined;
  }
  const parsed = parseTarget(target);
  const chosen = chosenSshConfigFile();
  // While the lines are still there ssh knows the socket: close the master so the undo holds now, not in 5 minutes.
  const closed = await closeMaster(parsed, chosen);
  log().info(`ssh -O exit ${target}: ${closed.exitCode === 0 ? 'closed' : closed.stderr.trim() || 'no master'}`);
  const result = await removeConnectionReuse(sshConfigFile(), target, { sshConfigFile: chosen });
  void vscode.window.showInformationMessage(
    result.written
      ? vscode.l10n.t('Connection reuse for {0} is removed from {1}; each docker command opens its own ssh connection again.', target, result.file)
      : vscode.l10n.t('{0} has no connection reuse lines for {1}; nothing was changed.', result.file, target),
  );
  return result;
}
