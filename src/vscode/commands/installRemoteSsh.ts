import * as vscode from 'vscode';
import { remoteSshExtensionFor, RemoteSshExtensionIds } from '../../core/remote/remoteSshProduct';
import { log } from '../log';

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
  log().info(`Installing ${id} (${vscode.env.appName}, ${vscode.env.uriScheme}, ${vscode.env.appHost})`);
  try {
    await vscode.commands.executeCommand('workbench.extensions.installExtension', id);
  } catch (error) {
    const open = vscode.l10n.t('Open in Extensions view');
    const message = error instanceof Error ? error.message : String(error);
    log().error(`Installing ${id} failed: ${message}`);
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Could not install {0}: {1}. Install it from the Extensions view.', id, message), open);
    if (choice === open) {
      await vscode.commands.executeCommand('workbench.extensions.search', `@id:${id}`);
    }
    return undefined;
  }
  return id;
}
