import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';

function userSettingsFile(): string {
  const file = process.env.RDS_USER_SETTINGS_FILE;
  if (!file) throw new Error('RDS_USER_SETTINGS_FILE is unset: run the suites with `npm run test:vscode`');
  return file;
}

async function waitForUserValue(key: string, value: string | undefined): Promise<void> {
  const dot = key.lastIndexOf('.');
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (vscode.workspace.getConfiguration(key.slice(0, dot)).inspect(key.slice(dot + 1))?.globalValue === value) return;
    if (Date.now() > deadline) throw new Error(`VS Code did not read ${key} from ${userSettingsFile()} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function writeUserSetting(key: string, value: string | undefined): Promise<void> {
  const file = userSettingsFile();
  mkdirSync(dirname(file), { recursive: true });
  const settings = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Record<string, unknown>;
  if (settings[key] === value) return Promise.resolve();
  if (value === undefined) delete settings[key];
  else settings[key] = value;
  writeFileSync(file, JSON.stringify(settings, null, 2));
  return waitForUserValue(key, value);
}

/**
 * Points `remote.SSH.configFile` at `configFile` in the USER settings (the only scope the extension
 * reads it from, as Remote-SSH does) and resolves once VS Code has read it. The setting belongs to
 * Remote-SSH, which no extension in the test editor declares, so the configuration API cannot write
 * it: the file is written as a user would. Returns the function that removes the setting again.
 */
export async function useUserSshConfig(configFile: string): Promise<() => Promise<void>> {
  await writeUserSetting('remote.SSH.configFile', configFile);
  return () => writeUserSetting('remote.SSH.configFile', undefined);
}
