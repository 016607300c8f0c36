import * as vscode from 'vscode';
import { log } from '../log';

/**
 * Every install the product starts goes through here: a progress notification while the workbench
 * installs, and on failure the reason with two next steps (the Extensions view searched to the id,
 * and "Install from VSIX…"), and a log line. Without a reachable gallery the install command
 * rejects (ECONNREFUSED, say); before this, that reason reached only the extension host log.
 * Returns true when the workbench reported the install done.
 */
export async function installExtensionShowingFailure(id: string, where?: string): Promise<boolean> {
  const title = where ? vscode.l10n.t('Installing {0} on {1}…', id, where) : vscode.l10n.t('Installing {0}…', id);
  log().info(`Installing ${id}${where ? ` on ${where}` : ''}`);
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
      Promise.resolve(vscode.commands.executeCommand('workbench.extensions.installExtension', id)),
    );
    log().info(`Installed ${id}`);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log().error(`Installing ${id} failed: ${reason}`);
    void showInstallFailure(id, reason);
    return false;
  }
}

/** The failure message with its next steps; also used when an install "succeeded" but the extension never appeared. */
export async function showInstallFailure(id: string, reason: string): Promise<void> {
  const search = vscode.l10n.t('Show in Extensions view');
  const vsix = vscode.l10n.t('Install from VSIX…');
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t('Could not install {0}: {1}. Install it from the Extensions view, or from a VSIX file you downloaded.', id, reason),
    search,
    vsix,
  );
  if (choice === search) {
    await vscode.commands.executeCommand('workbench.extensions.search', `@id:${id}`);
  } else if (choice === vsix) {
    await vscode.commands.executeCommand('workbench.extensions.action.installVSIX');
  }
}
