import * as vscode from 'vscode';
import { detectDockerExtensionGeneration, type DockerExtensionGeneration } from '../../core/docker/dockerHost';
import { dockerHostInSetting } from '../../core/docker/engineInUse';

/** The setting each Docker extension generation reads DOCKER_HOST from (DESIGN.md, FIELD-NOTES). */
export const DockerHostSettingKey: Readonly<Record<DockerExtensionGeneration, string>> = {
  containers: 'containers.environment',
  'docker-environment': 'docker.environment',
  'docker-host': 'docker.host',
};

/** Every key dockerHostSettings may read or write (so the merge sees the user's current values). */
export const DockerSettingKeys = ['containers.environment', 'docker.environment', 'docker.host', 'docker.explorerRefreshInterval'] as const;

/** Installed extensions as core wants them: ids and versions, straight from their manifests. */
export function installedExtensions(): { id: string; version: string }[] {
  return vscode.extensions.all.map((extension) => ({ id: extension.id, version: String((extension.packageJSON as { version?: unknown }).version ?? '') }));
}

export function installedDockerGeneration(): DockerExtensionGeneration | undefined {
  return detectDockerExtensionGeneration(installedExtensions());
}

/** The DOCKER_HOST the installed Docker extension will use (effective value, any scope), if set. */
export function configuredDockerHost(generation = installedDockerGeneration()): string | undefined {
  const key = DockerHostSettingKey[generation ?? 'containers'];
  return dockerHostInSetting(vscode.workspace.getConfiguration().get<unknown>(key));
}

/**
 * Container Tools' client setting, effective in this window (machine-overridable: a Remote-SSH
 * window sees the host's override). The remote-ssh doctor takes podman for docker under its Podman client.
 */
export function containerClientSetting(): string | undefined {
  const value = vscode.workspace.getConfiguration('containers').get<unknown>('containerClient');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The values the user has at exactly this scope, for a merge that keeps their other keys. */
export function valuesAtScope(target: vscode.ConfigurationTarget): Record<string, unknown> {
  const configuration = vscode.workspace.getConfiguration();
  const current: Record<string, unknown> = {};
  for (const key of DockerSettingKeys) {
    const inspected = configuration.inspect(key);
    const value = target === vscode.ConfigurationTarget.Global ? inspected?.globalValue : inspected?.workspaceValue;
    if (value !== undefined) {
      current[key] = value;
    }
  }
  return current;
}
