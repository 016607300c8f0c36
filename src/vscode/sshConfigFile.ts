import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { defaultSshConfigPath } from '../core/sshConfig/paths';

/**
 * The ssh client config every command passes to ssh as `-F`: Remote-SSH's `remote.SSH.configFile`
 * when set (so both extensions read and write the same file), else `~/.ssh/config`.
 */
export function sshConfigFile(): string {
  const configured = vscode.workspace.getConfiguration('remote.SSH').get<string>('configFile')?.trim();
  if (!configured) {
    return defaultSshConfigPath();
  }
  return configured === '~' || configured.startsWith('~/') ? homedir() + configured.slice(1) : configured;
}
