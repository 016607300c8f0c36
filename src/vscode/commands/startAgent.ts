import * as vscode from 'vscode';
import { agentStartInstructions, listAgentIdentities } from '../../core/ssh/agent';
import { log } from '../log';
import { runInTerminal } from '../ui/terminalProcess';
import { CommandIds } from '../commandIds';

/**
 * Gets an ssh-agent running the way each OS wants it (FIELD-NOTES, seed page):
 * Windows: the OpenSSH service is disabled by default; enable and start it (one elevated prompt).
 * macOS: the agent runs; the key must be added with the keychain flag to survive logins.
 * Linux: the agent is normally there; if not, VS Code cannot give itself one, so say how.
 */
export async function startAgent(): Promise<void> {
  if (process.platform === 'win32') {
    // Fixed strings only: nothing the user typed goes into this command line.
    const elevated = 'Set-Service -Name ssh-agent -StartupType Automatic; Start-Service -Name ssh-agent';
    const code = await runInTerminal(vscode.l10n.t('Start ssh-agent'), 'powershell.exe', [
      '-NoProfile',
      '-Command',
      `Start-Process -FilePath powershell.exe -Verb RunAs -Wait -ArgumentList '-NoProfile','-Command','${elevated}'`,
    ]);
    if (code === 0) {
      await offerToAddKey(vscode.l10n.t('The ssh-agent service is set to start automatically.'));
    }
    return;
  }
  if (process.platform === 'darwin') {
    await vscode.commands.executeCommand(CommandIds.addKeyToAgent);
    void vscode.window.showInformationMessage(vscode.l10n.t('To keep the key across logins, add "AddKeysToAgent yes" and "UseKeychain yes" under "Host *" in your SSH config.'));
    return;
  }
  const { result } = await listAgentIdentities({ timeoutMs: 5_000 });
  // ssh-add -l: 0 = keys listed, 1 = agent running but empty, 2 = no agent reachable.
  log().info(`ssh-add -l: exit ${result.exitCode ?? result.spawnError ?? 'unknown'}`);
  if (result.exitCode === 0 || result.exitCode === 1) {
    await offerToAddKey(vscode.l10n.t('ssh-agent is running.'));
    return;
  }
  const copy = vscode.l10n.t('Copy the commands');
  const commands = 'systemctl --user enable --now ssh-agent\nexport SSH_AUTH_SOCK="$XDG_RUNTIME_DIR/openssh_agent"';
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('No ssh-agent is reachable (SSH_AUTH_SOCK).'),
    {
      modal: true,
      detail: vscode.l10n.t('{0}\n\nThen restart VS Code from that session so that it sees SSH_AUTH_SOCK.', agentStartInstructions(process.platform)),
    },
    copy,
  );
  if (choice === copy) {
    await vscode.env.clipboard.writeText(commands);
  }
}

async function offerToAddKey(message: string): Promise<void> {
  const add = vscode.l10n.t('Add the key to the agent');
  const choice = await vscode.window.showInformationMessage(message, add);
  if (choice === add) {
    await vscode.commands.executeCommand(CommandIds.addKeyToAgent);
  }
}
