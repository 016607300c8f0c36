import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

/**
 * Points `remote.SSH.configFile` at `configFile` in the first workspace folder's settings.json and
 * resolves once VS Code has read it. The setting belongs to Remote-SSH, which no extension in the test
 * editor declares, so the configuration API cannot write it: the file is written as a user would.
 * Returns the function that removes the settings file again.
 */
export async function useWorkspaceSshConfig(configFile: string): Promise<() => void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the test editor must open a workspace folder');
  }
  mkdirSync(join(folder.uri.fsPath, '.vscode'), { recursive: true });
  const settingsFile = join(folder.uri.fsPath, '.vscode', 'settings.json');
  const changed = new Promise<void>((resolve) => {
    const listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('remote.SSH.configFile')) {
        listener.dispose();
        resolve();
      }
    });
  });
  writeFileSync(settingsFile, JSON.stringify({ 'remote.SSH.configFile': configFile }, null, 2));
  await changed;
  return () => rmSync(settingsFile, { force: true });
}
