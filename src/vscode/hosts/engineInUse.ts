import * as vscode from 'vscode';
import { listDockerContexts } from '../../core/docker/dockerContext';
import { dockerHostInSetting, engineInUse, type EngineInUse, type EngineSource } from '../../core/docker/engineInUse';
import { DockerHostSettingKey, installedDockerGeneration } from '../docker/dockerSettings';

/** The DOCKER_HOST of the installed Docker extension's setting at one scope (the folder's value counts as workspace). */
export function dockerHostAtScope(scope: 'workspace' | 'user'): string | undefined {
  const key = DockerHostSettingKey[installedDockerGeneration() ?? 'containers'];
  const inspected = vscode.workspace.getConfiguration().inspect(key);
  return scope === 'workspace'
    ? dockerHostInSetting(inspected?.workspaceFolderValue) ?? dockerHostInSetting(inspected?.workspaceValue)
    : dockerHostInSetting(inspected?.globalValue);
}

/**
 * The engine this window's Docker extension uses, and where that comes from. The docker context is
 * asked only when no setting or environment decides it (one `docker context ls`, which never prompts).
 */
export async function currentEngine(): Promise<EngineInUse | undefined> {
  const workspace = dockerHostAtScope('workspace');
  const user = dockerHostAtScope('user');
  const environment = process.env.DOCKER_HOST || undefined;
  if (workspace || user || environment) {
    return engineInUse({ workspace, user, environment });
  }
  return engineInUse({ context: await currentDockerContext() });
}

/** The docker CLI's current context, which is the machine's choice. */
export async function currentDockerContext(): Promise<{ name: string; dockerHost: string } | undefined> {
  const { contexts } = await listDockerContexts({ timeoutMs: 5_000 });
  return contexts.find((context) => context.current);
}

export function engineSourceLabel(source: EngineSource, contextName?: string): string {
  switch (source) {
    case 'workspace':
      return vscode.l10n.t('workspace settings');
    case 'user':
      return vscode.l10n.t('user settings');
    case 'environment':
      return vscode.l10n.t('the DOCKER_HOST environment variable');
    case 'docker-context':
      return vscode.l10n.t('docker context {0}', contextName ?? '');
  }
}
