/**
 * Which engine a window's Docker extension talks to, and why. The extension hands its setting's
 * variables to the docker CLI, so a DOCKER_HOST there (workspace over user) beats the process
 * environment, which beats the docker CLI's current context.
 */
export type EngineSource = 'workspace' | 'user' | 'environment' | 'docker-context';

export interface EngineInUse {
  readonly dockerHost: string;
  readonly source: EngineSource;
  /** The context's name when the source is a docker context. */
  readonly contextName?: string;
}

export interface EngineInputs {
  /** DOCKER_HOST from the Docker extension's setting at workspace (or folder) scope. */
  readonly workspace?: string;
  /** ... at user scope (in a remote window: that machine's settings too). */
  readonly user?: string;
  /** DOCKER_HOST of the process environment the extension host inherited. */
  readonly environment?: string;
  /** The docker CLI's current context. */
  readonly context?: { readonly name: string; readonly dockerHost: string };
}

export function engineInUse(inputs: EngineInputs): EngineInUse | undefined {
  if (inputs.workspace) {
    return { dockerHost: inputs.workspace, source: 'workspace' };
  }
  if (inputs.user) {
    return { dockerHost: inputs.user, source: 'user' };
  }
  if (inputs.environment) {
    return { dockerHost: inputs.environment, source: 'environment' };
  }
  if (inputs.context) {
    return { dockerHost: inputs.context.dockerHost, source: 'docker-context', contextName: inputs.context.name };
  }
  return undefined;
}

/** DOCKER_HOST inside one Docker setting value: a string (`docker.host`) or an environment object. */
export function dockerHostInSetting(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value || undefined;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const host = (value as Record<string, unknown>).DOCKER_HOST;
    return typeof host === 'string' && host ? host : undefined;
  }
  return undefined;
}

/**
 * The setting value with our DOCKER_HOST taken out, the user's other variables kept. undefined
 * means "remove the setting": nothing of the user's is left in it.
 */
export function withoutDockerHost(value: unknown): unknown {
  if (typeof value === 'string') {
    return undefined;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const rest = { ...(value as Record<string, unknown>) };
    delete rest.DOCKER_HOST;
    return Object.keys(rest).length > 0 ? rest : undefined;
  }
  return value;
}
