import * as vscode from 'vscode';
import { chooseRemoteOpener, type RemoteOpener } from '../../core/remote/remoteOpener';
import { log } from '../log';

// Both register the `ssh-remote` authority resolver.
const sshExtensionIds = ['ms-vscode-remote.remote-ssh', 'jeanp413.open-remote-ssh'];

/**
 * Commands that can be run now: registered ones, and those an installed extension contributes —
 * `getCommands` lists a command only once its extension is active, and running a contributed
 * command activates it (Remote-SSH is usually not active yet in a fresh window).
 */
export async function availableCommands(): Promise<Set<string>> {
  const registered = await vscode.commands.getCommands(true);
  const contributed = vscode.extensions.all.flatMap((extension) => {
    const commands: unknown = extension.packageJSON?.contributes?.commands;
    return Array.isArray(commands) ? commands.map((c: { command?: unknown }) => c.command).filter((id): id is string => typeof id === 'string') : [];
  });
  return new Set([...registered, ...contributed]);
}

/** Finds the best way this editor offers to open a window on `alias` (see core/remoteOpener). */
export async function findRemoteOpener(alias: string): Promise<RemoteOpener> {
  const commands = await availableCommands();
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
