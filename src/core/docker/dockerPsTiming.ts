import { runProcess } from '../runner';

export interface DockerPsTiming {
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

/**
 * One real `docker --host=… ps`: what the Docker explorer runs on each refresh, so its time is the
 * time the user feels. The docker CLI's ssh is the user's plain ssh (~/.ssh/config, no -F).
 */
export async function timeDockerPs(dockerHost: string, options: { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs: number; readonly signal?: AbortSignal }): Promise<DockerPsTiming> {
  const env = { ...(options.env ?? process.env) };
  // --host must win: the CLI refuses it together with a DOCKER_CONTEXT from the environment.
  delete env.DOCKER_CONTEXT;
  // Without our terminal, as the doctor's round trip: the user clicked a button, not a prompt.
  const result = await runProcess('docker', [`--host=${dockerHost}`, 'ps', '--quiet'], { timeoutMs: options.timeoutMs, signal: options.signal, env, withoutTerminal: true });
  const ok = result.exitCode === 0;
  return { ok, ms: Math.round(result.durationMs), ...(ok ? {} : { error: result.spawnError ?? (result.stderr.trim().split('\n').at(-1) || `exit status ${result.exitCode ?? 'none'}`) }) };
}
