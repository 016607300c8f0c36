import * as vscode from 'vscode';
import { pickKey } from '../ssh/pickKey';
import { runInTerminal } from '../ui/terminalProcess';

/**
 * `ssh-add KEY` in a terminal (the passphrase prompt is ssh-add's). On macOS the key also goes
 * into the keychain, because a plain ssh-add is forgotten at logout there (FIELD-NOTES).
 */
export async function addKeyToAgent(): Promise<number | undefined> {
  const key = await pickKey(vscode.l10n.t('Add a key to ssh-agent'));
  if (!key) {
    return undefined;
  }
  const args = process.platform === 'darwin' ? ['--apple-use-keychain', key.privateKey] : [key.privateKey];
  const code = await runInTerminal(vscode.l10n.t('Add key to ssh-agent'), 'ssh-add', args);
  if (code !== 0) {
    const startAgent = vscode.l10n.t('Start ssh-agent');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('ssh-add could not load {0}. If it could not reach the agent, start the agent first.', key.privateKey), startAgent)
      .then((choice) => (choice === startAgent ? vscode.commands.executeCommand('remoteDockerSsh.startAgent') : undefined));
  }
  return code;
}
