import * as vscode from 'vscode';
import { withDefaultExtensions, withRemotePlatform } from '../../core/remote/remoteSshSettings';
import { log } from '../log';

export interface RemoteSshSettingsResult {
  /** Settings keys that were written (unchanged ones are not touched). */
  readonly written: string[];
  /** Keys that could not be written, with the reason (e.g. Open Remote - SSH does not declare remotePlatform). */
  readonly failed: { key: string; reason: string }[];
}

/**
 * Writes `remote.SSH.defaultExtensions` (ids merged in, no duplicates) and
 * `remote.SSH.remotePlatform[alias] = "linux"` to user settings, where Remote-SSH reads them
 * (both are application-scoped). Each write is independent: one refused key does not stop the other.
 */
export async function writeRemoteSshSettings(alias: string, extensionIds: readonly string[]): Promise<RemoteSshSettingsResult> {
  const config = vscode.workspace.getConfiguration('remote.SSH');
  const updates: { key: string; value: unknown }[] = [];
  const defaults = withDefaultExtensions(config.inspect('defaultExtensions')?.globalValue ?? config.get('defaultExtensions'), extensionIds);
  if (defaults !== undefined) {
    updates.push({ key: 'defaultExtensions', value: defaults });
  }
  const platform = withRemotePlatform(config.inspect('remotePlatform')?.globalValue ?? config.get('remotePlatform'), alias);
  if (platform !== undefined) {
    updates.push({ key: 'remotePlatform', value: platform });
  }

  const result: RemoteSshSettingsResult = { written: [], failed: [] };
  for (const { key, value } of updates) {
    try {
      await config.update(key, value, vscode.ConfigurationTarget.Global);
      result.written.push(`remote.SSH.${key}`);
      log().info(`Set remote.SSH.${key} to ${JSON.stringify(value)}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      result.failed.push({ key: `remote.SSH.${key}`, reason });
      log().warn(`Could not write remote.SSH.${key}: ${reason}`);
    }
  }
  return result;
}
