import * as vscode from 'vscode';
import { parseTarget } from '../../core/ssh/hostSpec';
import { RemoteSshExtensionIds } from '../../core/remote/remoteSshProduct';
import { ensureTarget } from '../ssh/hostTarget';
import { log } from '../log';
import { findRemoteOpener, openRemoteWindow } from '../remote/remoteWindowOpener';
import { CommandIds } from '../commandIds';

/**
 * Opens a Remote-SSH window on the host with whatever the installed Remote-SSH really offers
 * (its stable command when present, else the `ssh-remote+` authority). The Docker extension and
 * the engine check follow in that window; the one-click command does the whole sequence.
 */
export async function connect(): Promise<boolean> {
  const target = await ensureTarget();
  if (!target) {
    return false;
  }
  const parsed = parseTarget(target);
  if (parsed.kind !== 'alias') {
    const addHost = vscode.l10n.t('Add the host');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Remote-SSH connects to hosts from your SSH config. Add {0} as a host first.', target), addHost);
    if (choice === addHost) {
      await vscode.commands.executeCommand(CommandIds.addHost, { mode: 'new' });
    }
    return false;
  }
  // A command only shows in getCommands() once its extension runs: start Remote-SSH first, or its
  // stable command would be missed and a worse opener chosen.
  await Promise.all(RemoteSshExtensionIds.map((id) => vscode.extensions.getExtension(id)?.activate().then(undefined, () => undefined)));
  const opener = await findRemoteOpener(parsed.alias);
  log().info(`Connecting to ${parsed.alias} with ${opener.kind}`);
  if (opener.kind === 'none') {
    const install = vscode.l10n.t('Install Remote-SSH');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Connecting needs the Remote-SSH extension. Install it, then connect again.'), install)
      .then((choice) => (choice === install ? vscode.commands.executeCommand(CommandIds.installRemoteSsh) : undefined));
    return false;
  }
  await openRemoteWindow(opener);
  return true;
}
