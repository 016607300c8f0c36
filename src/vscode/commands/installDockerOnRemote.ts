import * as vscode from 'vscode';
import { dockerExtensionToInstall } from '../../core/remoteDockerExtension';
import { log } from '../log';
import { CommandIds } from './commandIds';

/**
 * Installs the Docker extension on the SSH host. It must run in the Remote-SSH window: there
 * `workbench.extensions.installExtension` installs a workspace extension on the remote side, as
 * the Extensions view does (FIELD-NOTES).
 */
export async function installDockerOnRemote(): Promise<boolean> {
  if (vscode.env.remoteName !== 'ssh-remote') {
    const connect = vscode.l10n.t('Connect to the host');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('The Docker extension belongs on the host. Connect with Remote-SSH first, then run this step in the new window.'), connect);
    if (choice === connect) {
      await vscode.commands.executeCommand(CommandIds.connect);
    }
    return false;
  }
  const id = dockerExtensionToInstall();
  log().info(`Installing ${id} on the SSH host`);
  await vscode.commands.executeCommand('workbench.extensions.installExtension', id);
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} is installed on the host.', id));
  return true;
}
