import * as vscode from 'vscode';
import { log } from '../log';
import { parseTarget } from '../../core/ssh/hostSpec';
import { ensureTarget } from '../ssh/hostTarget';
import { pickKey } from '../ssh/pickKey';
import { exitStatusText, runInTerminal } from '../ui/terminalProcess';
import { chosenSshConfigFile } from '../ssh/sshConfigFile';

/**
 * `ssh-copy-id -i KEY.pub -F CONFIG -- HOST` in a terminal: the host's password prompt is real and
 * typed there. The target is parsed (and so validated) first; `--` keeps it from ever being read
 * as an option.
 */
export async function copyKeyToHost(): Promise<number | undefined> {
  if (process.platform === 'win32') {
    // Windows OpenSSH has no ssh-copy-id; appending to authorized_keys by hand is the documented way.
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Windows has no ssh-copy-id. Append the contents of your .pub file to ~/.ssh/authorized_keys on the host, then run the checks again.'),
      { modal: true },
    );
    return undefined;
  }
  const target = await ensureTarget();
  if (!target) {
    return undefined;
  }
  const key = await pickKey(vscode.l10n.t('Authorize a key on {0}', target));
  if (!key) {
    return undefined;
  }
  const parsed = parseTarget(target);
  const chosenConfig = chosenSshConfigFile();
  const args = ['-i', key.publicKey, ...(chosenConfig !== undefined ? ['-F', chosenConfig] : [])];
  let destination: string;
  if (parsed.kind === 'alias') {
    destination = parsed.alias;
  } else {
    if (parsed.port !== undefined) {
      args.push('-p', String(parsed.port));
    }
    destination = parsed.user ? `${parsed.user}@${parsed.host}` : parsed.host;
  }
  const code = await runInTerminal(vscode.l10n.t('Authorize key on {0}', target), 'ssh-copy-id', [...args, '--', destination], undefined, {
    success: vscode.l10n.t('{0} now accepts {1}', target, key.publicKey),
    fingerprintOf: key.publicKey,
  });
  if (code !== 0) {
    // The reason (a wrong password, say) is ssh-copy-id's own output, in the terminal that stays open.
    log().warn(`ssh-copy-id -i ${key.publicKey} to ${target}: ${exitStatusText(code)}`);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('ssh-copy-id failed ({0}). The terminal shows why; check that the host accepts your password, or ask its administrator to add {1}.', exitStatusText(code), key.publicKey),
        showLog,
      )
      .then((choice) => (choice === showLog ? vscode.commands.executeCommand('remoteDockerSsh.showLog') : undefined));
  } else {
    log().info(`ssh-copy-id authorized ${key.publicKey} on ${target}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} accepts {1} now (exit status 0).', target, key.publicKey));
  }
  return code;
}
