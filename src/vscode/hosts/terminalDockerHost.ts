import * as vscode from 'vscode';
import { DockerSettingKeys } from '../docker/dockerSettings';
import { log } from '../log';
import { dockerHostAtScope } from './engineInUse';

/**
 * The integrated terminals of a workspace whose Docker extension has a workspace DOCKER_HOST get
 * that same DOCKER_HOST, so `docker ps` there and the Docker views agree. The collection belongs to
 * this workspace; without a workspace value it is empty and the terminals keep the machine's choice.
 */
export function startTerminalDockerHost(context: vscode.ExtensionContext): void {
  const apply = () => {
    const dockerHost = dockerHostAtScope('workspace');
    const collection = context.environmentVariableCollection;
    if (dockerHost === collection.get('DOCKER_HOST')?.value) {
      return;
    }
    if (dockerHost) {
      collection.replace('DOCKER_HOST', dockerHost);
      collection.description = vscode.l10n.t('DOCKER_HOST of this workspace: {0}', dockerHost);
    } else {
      collection.delete('DOCKER_HOST');
    }
    log().info(`Terminals of this workspace: DOCKER_HOST ${dockerHost ?? 'not set by us'}`);
  };
  apply();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (DockerSettingKeys.some((key) => event.affectsConfiguration(key))) {
        apply();
      }
    }),
    vscode.extensions.onDidChange(apply),
  );
}
