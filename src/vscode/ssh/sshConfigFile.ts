import * as vscode from 'vscode';
import { configPathFromOption } from '../../core/ssh/config/paths';

/**
 * The ssh client config every command passes to ssh as `-F`: Remote-SSH's `remote.SSH.configFile`
 * when set (so both extensions read and write the same file), else `~/.ssh/config`.
 */
export function sshConfigFile(): string {
  return configPathFromOption(vscode.workspace.getConfiguration('remote.SSH').get<string>('configFile')?.trim());
}
