import * as vscode from 'vscode';
import { log } from '../log';
import { isSetupPath, setSetupPath, type SetupPath } from '../setupState';
import { applySetupPathContext } from '../walkthrough/stepState';

/**
 * "Can your source code live on the server?" The answer hides the other path's steps in the
 * walkthrough (through the `remoteDockerSsh.setupPath` context key) and picks the doctor's path.
 */
export async function chooseSetupPath(path?: unknown): Promise<SetupPath | undefined> {
  let chosen: SetupPath | undefined = isSetupPath(path) ? path : undefined;
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('Yes: use Remote-SSH'), detail: vscode.l10n.t('VS Code runs on the server next to Docker (recommended).'), path: 'remoteSsh' as const },
        { label: vscode.l10n.t('No: use DOCKER_HOST'), detail: vscode.l10n.t('Code stays here; docker reaches the server through ssh.'), path: 'dockerHost' as const },
      ],
      { title: vscode.l10n.t('Can your source code live on the server?'), ignoreFocusOut: true },
    );
    chosen = picked?.path;
  }
  if (!chosen) {
    return undefined;
  }
  await setSetupPath(chosen);
  await applySetupPathContext();
  log().info(`Setup path: ${chosen}`);
  return chosen;
}
