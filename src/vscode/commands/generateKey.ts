import { hostname, userInfo } from 'node:os';
import * as vscode from 'vscode';
import { log } from '../log';
import { validateIdentityFile } from '../../core/ssh/hostSpec';
import { defaultKeyPath, keyFileExists } from '../../core/ssh/localKeys';
import { exitStatusText, runInTerminal } from '../ui/terminalProcess';

/**
 * `ssh-keygen -t ed25519` in a terminal, so the passphrase prompt is ssh-keygen's own. ed25519 is
 * short, fast and accepted by every OpenSSH agent including the old Windows ones (FIELD-NOTES).
 * An existing key is never overwritten: the user keeps it or names a new file.
 */
export async function generateKey(args?: { file?: string }): Promise<string | undefined> {
  let file = args?.file ?? defaultKeyPath();
  if (await keyFileExists(file)) {
    const keep = vscode.l10n.t('Use the existing key');
    const other = vscode.l10n.t('Create another key…');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} exists already. Keys are never overwritten.', file), keep, other);
    if (choice !== other) {
      return choice === keep ? file : undefined;
    }
    const named = await vscode.window.showInputBox({
      title: vscode.l10n.t('Generate an SSH key'),
      prompt: vscode.l10n.t('Where to write the new private key (the public key goes next to it, with .pub)'),
      value: `${file}_docker`,
      ignoreFocusOut: true,
      validateInput: (value) => validateIdentityFile(value.trim()),
    });
    if (!named) {
      return undefined;
    }
    file = named.trim();
    if (await keyFileExists(file)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} exists already. Choose another name.', file));
      return undefined;
    }
  }
  const comment = `${userInfo().username}@${hostname()} (remote docker)`;
  const code = await runInTerminal(vscode.l10n.t('Generate SSH key'), 'ssh-keygen', ['-t', 'ed25519', '-f', file, '-C', comment], undefined, {
    success: vscode.l10n.t('Key saved at {0}', file),
    fingerprintOf: `${file}.pub`,
  });
  if (code !== 0 || !(await keyFileExists(file))) {
    log().warn(`ssh-keygen -f ${file}: ${exitStatusText(code)}; key ${(await keyFileExists(file)) ? 'present' : 'not created'}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('ssh-keygen did not create {0} ({1}). The terminal shows its reason.', file, exitStatusText(code)));
    return undefined;
  }
  log().info(`ssh-keygen created ${file}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Created {0} and {0}.pub (exit status 0).', file));
  return file;
}
