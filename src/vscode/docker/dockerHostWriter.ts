import * as vscode from 'vscode';
import { dockerHostSettings, type DockerExtensionGeneration } from '../../core/docker/dockerHost';
import { dockerViewRefreshCommands } from '../../core/docker/dockerViewRefresh';
import { log } from '../log';
import { valuesAtScope } from './dockerSettings';

/** Writes DOCKER_HOST into the generation's settings at one scope, merged into the user's values there. */
export async function writeDockerHostSettings(
  generation: DockerExtensionGeneration,
  dockerHost: string,
  configurationTarget: vscode.ConfigurationTarget,
): Promise<{ key: string; value: unknown }[]> {
  const written = dockerHostSettings(generation, dockerHost, valuesAtScope(configurationTarget));
  const configuration = vscode.workspace.getConfiguration();
  for (const { key, value } of written) {
    await configuration.update(key, value, configurationTarget);
  }
  return written;
}

/** The Docker views poll every 60 s and ignore the setting change: refresh them now (the commands that exist). */
export async function refreshDockerViews(generation: DockerExtensionGeneration): Promise<void> {
  const commands = dockerViewRefreshCommands(generation, await vscode.commands.getCommands(true));
  log().info(`Refreshing the Docker views: ${commands.join(', ') || 'no refresh command found'}`);
  for (const command of commands) {
    try {
      await vscode.commands.executeCommand(command);
    } catch (error) {
      log().warn(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
