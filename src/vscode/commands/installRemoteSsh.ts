import * as vscode from 'vscode';
import { remoteSshExtensionFor, RemoteSshExtensionIds } from '../../core/remote/remoteSshProduct';
import { log } from '../log';
import { installExtensionShowingFailure } from '../ui/installExtension';

/**
 * Installs the Remote-SSH extension this product can use: Microsoft's in Microsoft's VS Code,
 * Open Remote - SSH elsewhere (VSCodium, code-server), decided from `vscode.env`, not guessed.
 */
export async function installRemoteSsh(): Promise<string | undefined> {
  const present = RemoteSshExtensionIds.find((id) => vscode.extensions.getExtension(id));
  if (present) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already installed.', present));
    return present;
  }
  const id = remoteSshExtensionFor({ appName: vscode.env.appName, uriScheme: vscode.env.uriScheme, appHost: vscode.env.appHost });
  log().info(`Remote-SSH for ${vscode.env.appName} (${vscode.env.uriScheme}, ${vscode.env.appHost}): ${id}`);
  if (!(await installExtensionShowingFailure(id))) {
    return undefined;
  }
  return id;
}
