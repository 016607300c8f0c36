import * as vscode from 'vscode';
import { chooseRemoteOpener, type RemoteOpener } from '../core/remoteOpener';
import { log } from './log';

// Both register the `ssh-remote` authority resolver.
const sshExtensionIds = ['ms-vscode-remote.remote-ssh', 'jeanp413.open-remote-ssh'];

/** Finds the best way this editor offers to open a window on `alias` (see core/remoteOpener). */
export async function findRemoteOpener(alias: string): Promise<RemoteOpener> {
  const commands = await vscode.commands.getCommands(true);
  const sshExtensionInstalled = sshExtensionIds.some((id) => vscode.extensions.getExtension(id) !== undefined);
  return chooseRemoteOpener({ commands, sshExtensionInstalled }, alias);
}

/** Runs the opener. The command returns before the new window has connected. */
export async function openRemoteWindow(opener: RemoteOpener): Promise<void> {
  switch (opener.kind) {
    case 'remote-ssh':
    case 'open-remote-ssh':
    case 'new-window':
      log().info(`Opening the remote window with ${opener.command} ${JSON.stringify(opener.args)}`);
      await vscode.commands.executeCommand(opener.command, ...opener.args);
      return;
    case 'open-folder':
      log().info(`Opening the remote window with vscode.openFolder ${opener.folderUri}`);
      await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.parse(opener.folderUri), { forceNewWindow: true });
      return;
    case 'none':
      throw new Error('No SSH remote extension is installed.');
  }
}
