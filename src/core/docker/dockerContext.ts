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
  const written = await createDockerContext(name, dockerHost, options);
  if (!written.ok) {
    return written;
  }
  const use = await runProcess('docker', ['context', 'use', '--', name], { timeoutMs: options.timeoutMs ?? 15_000, signal: options.signal, env: options.env });
  return use.exitCode === 0 ? written : { ok: false, error: failure(use), created: written.created };
}

export interface DockerContextEntry {
  readonly name: string;
  /** The docker endpoint, e.g. `ssh://user@host` or `unix:///var/run/docker.sock`. */
  readonly dockerHost: string;
  readonly current: boolean;
}

/** Reads the JSON lines of `docker context ls --format '{{json .}}'`; lines that are not a context are skipped. */
export function parseDockerContextList(stdout: string): DockerContextEntry[] {
  const entries: DockerContextEntry[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim()) {
      continue;
    }
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      continue;
    }
    const { Name: name, DockerEndpoint: endpoint, Current: current } = (row ?? {}) as Record<string, unknown>;
    if (typeof name === 'string' && typeof endpoint === 'string') {
      entries.push({ name, dockerHost: endpoint, current: current === true });
    }
  }
  return entries;
}

/** Every docker context the CLI knows; empty when docker is missing or fails (the reason is returned too). */
export async function listDockerContexts(options: DockerContextOptions = {}): Promise<{ contexts: DockerContextEntry[]; error?: string }> {
  const result = await runProcess('docker', ['context', 'ls', '--format', '{{json .}}'], { timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal, env: options.env });
  if (result.exitCode !== 0) {
    return { contexts: [], error: failure(result) };
  }
  return { contexts: parseDockerContextList(result.stdout) };
}

/** `docker context rm NAME`; docker itself refuses to remove the current context. */
export async function removeDockerContext(name: string, options: DockerContextOptions = {}): Promise<{ ok: boolean; error?: string }> {
  const result = await runProcess('docker', ['context', 'rm', '--', name], { timeoutMs: options.timeoutMs ?? 15_000, signal: options.signal, env: options.env });
  return result.exitCode === 0 ? { ok: true } : { ok: false, error: failure(result) };
}

/** `docker context create NAME --docker host=…` without selecting it (the machine's context stays). */
export async function createDockerContext(name: string, dockerHost: string, options: DockerContextOptions = {}): Promise<DockerContextResult> {
  const run = (args: string[]) => runProcess('docker', args, { timeoutMs: options.timeoutMs ?? 15_000, signal: options.signal, env: options.env });
  const exists = (await run(['context', 'inspect', '--', name])).exitCode === 0;
  const write = await run(['context', exists ? 'update' : 'create', '--docker', `host=${dockerHost}`, '--', name]);
  return write.exitCode === 0 ? { ok: true, created: !exists } : { ok: false, error: failure(write), created: false };
}
