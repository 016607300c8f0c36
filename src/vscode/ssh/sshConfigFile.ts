import * as vscode from 'vscode';
import { configPathFromOption } from '../../core/ssh/config/paths';

/**
 * The ssh client config every command passes to ssh as `-F`: Remote-SSH's `remote.SSH.configFile`
 * when set (so both extensions read and write the same file), else `~/.ssh/config`.
 *
 * Only the user scope counts (local user settings, and in a remote window the remote's user
 * settings, which VS Code merges into `globalValue`), as Remote-SSH reads it. Never a workspace or
 * folder value: a cloned repository's `.vscode/settings.json` would otherwise choose the file whose
 * `Match exec` and `ProxyCommand` our checks run, at start-up and on every focus change. This holds
 * whether Remote-SSH is installed (it declares the setting) or not (then VS Code would return the
 * workspace value from `get`).
 */
export function sshConfigFile(): string {
  const inspected = vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile');
  const userValue = typeof inspected?.globalValue === 'string' ? inspected.globalValue.trim() : undefined;
  return configPathFromOption(userValue === '' ? undefined : userValue);
}

/** A workspace-level `remote.SSH.configFile` that sshConfigFile ignored, to say so in the log and report. */
export function ignoredWorkspaceSshConfigFile(): string | undefined {
  const inspected = vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile');
  const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
