import { formatTarget, parseTarget } from '../ssh/hostSpec';
import { listConfiguredHosts, type ReadConfigOptions } from '../ssh/config/configFiles';

/** Which Docker extension is installed decides which setting carries DOCKER_HOST (FIELD-NOTES.md). */
export type DockerExtensionGeneration = 'containers' | 'docker-environment' | 'docker-host';

export const containerToolsId = 'ms-azuretools.vscode-containers';
export const dockerExtensionId = 'ms-azuretools.vscode-docker';

/** The seed page asks for at least this refresh interval over SSH (ms; the extension's default is 2000). */
export const minExplorerRefreshIntervalMs = 3000;

export interface GenerationInfo {
  readonly generation: DockerExtensionGeneration;
  readonly extensionId: string;
  readonly label: string;
}

export const dockerExtensionGenerations: readonly GenerationInfo[] = [
  { generation: 'containers', extensionId: containerToolsId, label: 'Container Tools (and the Docker extension 2.x)' },
  { generation: 'docker-environment', extensionId: dockerExtensionId, label: 'Docker extension 1.23 to 1.x' },
  { generation: 'docker-host', extensionId: dockerExtensionId, label: 'Docker extension before 1.23' },
];

/**
 * The DOCKER_HOST for a target: `ssh://alias` when the alias is in the config (the docker CLI runs
 * plain ssh, which applies the alias), else `ssh://[user@]host[:port]`.
 */
export async function dockerHostFor(target: string, configFile: string, options: ReadConfigOptions = {}): Promise<string> {
  const parsed = parseTarget(target);
  if (parsed.kind === 'alias') {
    const wanted = parsed.alias.toLowerCase();
    const hosts = await listConfiguredHosts(configFile, options);
    const configured = hosts.find((host) => host.alias.toLowerCase() === wanted);
    return `ssh://${configured ? configured.alias : parsed.alias}`;
  }
  return `ssh://${formatTarget(parsed)}`;
}

function versionParts(version: string): [number, number] {
  const match = /^v?(\d+)(?:\.(\d+))?/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : [0, 0];
}

export function detectDockerExtensionGeneration(
  installed: readonly { id: string; version: string }[],
): DockerExtensionGeneration | undefined {
  const byId = (id: string) => installed.find((extension) => extension.id.toLowerCase() === id);
  if (byId(containerToolsId)) {
    return 'containers';
  }
  const docker = byId(dockerExtensionId);
  if (!docker) {
    return undefined;
  }
  const [major, minor] = versionParts(docker.version);
  if (major >= 2) {
    // 2.x is an empty pack over Container Tools, which reads containers.environment.
    return 'containers';
  }
  if (major === 1 && minor >= 23) {
    return 'docker-environment';
  }
  return 'docker-host';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The settings to write for one generation. Object settings are merged: the user's other
 * variables stay. `current` holds the settings' present values by key.
 */
export function dockerHostSettings(
  generation: DockerExtensionGeneration,
  dockerHost: string,
  current: { [settingKey: string]: unknown },
): { key: string; value: unknown }[] {
  if (generation === 'docker-host') {
    const interval = current['docker.explorerRefreshInterval'];
    const keepInterval = typeof interval === 'number' && Number.isFinite(interval) && interval >= minExplorerRefreshIntervalMs;
    return [
      { key: 'docker.host', value: dockerHost },
      { key: 'docker.explorerRefreshInterval', value: keepInterval ? interval : minExplorerRefreshIntervalMs },
    ];
  }
  const key = generation === 'containers' ? 'containers.environment' : 'docker.environment';
  const existing = current[key];
  return [{ key, value: { ...(isPlainObject(existing) ? existing : {}), DOCKER_HOST: dockerHost } }];
}
