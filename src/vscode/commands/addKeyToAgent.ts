import * as vscode from 'vscode';
import { log } from '../log';
import { pickKey } from '../ssh/pickKey';
import { exitStatusText, runInTerminal } from '../ui/terminalProcess';

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
  const code = await runInTerminal(vscode.l10n.t('Add key to ssh-agent'), 'ssh-add', args, undefined, {
    success: vscode.l10n.t('The agent now holds {0}', key.privateKey),
    fingerprintOf: key.publicKey,
  });
  if (code !== 0) {
    log().warn(`ssh-add ${key.privateKey}: ${exitStatusText(code)}`);
    const startAgent = vscode.l10n.t('Start ssh-agent');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('ssh-add could not load {0} ({1}). The terminal shows its reason; if it could not reach the agent, start the agent first.', key.privateKey, exitStatusText(code)), startAgent)
      .then((choice) => (choice === startAgent ? vscode.commands.executeCommand('remoteDockerSsh.startAgent') : undefined));
  } else {
    log().info(`ssh-add loaded ${key.privateKey}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('The agent holds {0} now (exit status 0).', key.privateKey));
  }
  return code;
}
