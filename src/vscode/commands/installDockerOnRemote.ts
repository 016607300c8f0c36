import * as vscode from 'vscode';
import { dockerExtensionToInstall } from '../../core/docker/remoteDockerExtension';
import { installExtensionOnHost, runsOnRemoteHost } from '../docker/dockerExtensionPresence';
import { extensionContext } from '../extensionContext';
import { log } from '../log';
import { CommandIds } from '../commandIds';
import { inSshRemoteWindow } from '../remote/windowKind';

/**
 * Installs the Docker extension on the SSH host. It must run in the Remote-SSH window: there
 * `workbench.extensions.installExtension` installs a workspace extension on the remote side, as
 * the Extensions view does (FIELD-NOTES).
 */
export async function installDockerOnRemote(): Promise<boolean> {
  const context = extensionContext();
  if (!runsOnRemoteHost(context) || !inSshRemoteWindow(context)) {
    const connect = vscode.l10n.t('Connect to the host');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('The Docker extension belongs on the host. Connect with Remote-SSH first, then run this step in the new window.'), connect)
      .then((choice) => (choice === connect ? vscode.commands.executeCommand(CommandIds.connect) : undefined));
    return false;
  }
  const id = dockerExtensionToInstall();
  const presence = await installExtensionOnHost(context, id);
  if (presence !== 'installed') {
    // An install that failed has shown its reason already; this is the one that "worked" but never arrived.
    log().warn(`${id} is not on the host after the install (${presence})`);
    const retry = vscode.l10n.t('Try again');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('{0} is not on the host. Install it from the Extensions view ("Install in SSH: …"), or try again.', id), retry)
      .then((choice) => (choice === retry ? vscode.commands.executeCommand(CommandIds.installDockerOnRemote) : undefined));
    return false;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} is installed on the host.', id));
  return true;
}
