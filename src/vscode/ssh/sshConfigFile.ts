import * as vscode from 'vscode';
import { chosenConfigPath, configPathFromOption } from '../../core/ssh/config/paths';

/**
 * The ssh client config every command passes to ssh as `-F`: Remote-SSH's `remote.SSH.configFile`
 * when set (so both extensions read and write the same file), else `~/.ssh/config`.
 */
export function sshConfigFile(): string {
  return configPathFromOption(vscode.workspace.getConfiguration('remote.SSH').get<string>('configFile')?.trim());
}

/**
 * What the checks pass to ssh as `-F`: `remote.SSH.configFile` only when the user set it. Unset,
 * ssh reads ~/.ssh/config and /etc/ssh/ssh_config as the user's own ssh does.
 */
export function chosenSshConfigFile(): string | undefined {
  return chosenConfigPath(vscode.workspace.getConfiguration('remote.SSH').get<string>('configFile'));
}
