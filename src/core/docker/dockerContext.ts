import { runProcess, type ProcessResult } from '../runner';

/**
 * `docker context create NAME --docker host=ssh://…` and `docker context use NAME`: the Docker
 * CLI's own way to remember a remote engine, so that a terminal and the Docker extension agree.
 */

/** A context name derived from the host: letters, digits, `_.-`, starting with a letter or digit. */
export function dockerContextNameFor(dockerHost: string): string {
  const host = dockerHost.replace(/^ssh:\/\//, '');
  const cleaned = host.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').replace(/-+$/, '');
  return `ssh-${cleaned || 'host'}`;
}

export interface DockerContextOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
}

export interface DockerContextResult {
  readonly ok: boolean;
  /** What went wrong, from docker's own stderr, when not ok. */
  readonly error?: string;
  readonly created: boolean;
}

function failure(result: ProcessResult): string {
  return result.spawnError ?? (result.stderr.trim() || `exit ${result.exitCode ?? 'unknown'}`);
}

/** Creates the context (or points an existing one of that name at the host) and makes it current. */
export async function createAndUseDockerContext(name: string, dockerHost: string, options: DockerContextOptions = {}): Promise<DockerContextResult> {
  const run = (args: string[]) => runProcess('docker', args, { timeoutMs: options.timeoutMs ?? 15_000, signal: options.signal, env: options.env });
  const inspect = await run(['context', 'inspect', '--', name]);
  const exists = inspect.exitCode === 0;
  const write = await run(['context', exists ? 'update' : 'create', '--docker', `host=${dockerHost}`, '--', name]);
  if (write.exitCode !== 0) {
    return { ok: false, error: failure(write), created: false };
  }
  const use = await run(['context', 'use', '--', name]);
  if (use.exitCode !== 0) {
    return { ok: false, error: failure(use), created: !exists };
  }
  return { ok: true, created: !exists };
}
