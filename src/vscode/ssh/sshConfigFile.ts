import * as vscode from 'vscode';
import { chosenConfigPath, configPathFromOption } from '../../core/ssh/config/paths';

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
  return configPathFromOption(userConfigFileSetting());
}

/** `remote.SSH.configFile` from the user scope only, as Remote-SSH reads it (see sshConfigFile). */
function userConfigFileSetting(): string | undefined {
  const inspected = vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile');
  return typeof inspected?.globalValue === 'string' ? inspected.globalValue : undefined;
}

/** A workspace-level `remote.SSH.configFile` that sshConfigFile ignored, to say so in the log and report. */
export function ignoredWorkspaceSshConfigFile(): string | undefined {
  const inspected = vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile');
  const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * What the checks pass to ssh as `-F`: `remote.SSH.configFile` only when the user set it. Unset,
 * ssh reads ~/.ssh/config and /etc/ssh/ssh_config as the user's own ssh does.
 */
export function chosenSshConfigFile(): string | undefined {
  return chosenConfigPath(userConfigFileSetting());
}
