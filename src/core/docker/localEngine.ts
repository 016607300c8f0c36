/**
 * The engine check for an extension host that runs ON the SSH host (the remote window of the
 * Remote-SSH path). There the engine is local: no ssh hop, just the docker CLI against whatever
 * DOCKER_HOST / context the server's environment gives it — the same thing the Docker extension
 * next to us will use. The result carries the doctor's check id and failure codes, so the rest of
 * the product reads it like any doctor check.
 */
import { diagnoseDocker, firstErrorLine } from '../doctor/diagnose';
import { runProcess } from '../runner';

export interface LocalEngineResult {
  readonly id: 'remote-docker-engine';
  readonly status: 'pass' | 'fail';
  readonly code?: 'remote-docker-missing' | 'docker-socket-permission' | 'docker-daemon-down';
  readonly message: string;
  /** The server version when the engine answered. */
  readonly serverVersion?: string;
  readonly durationMs: number;
}

export interface LocalEngineOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
  /** The docker binary; tests point it elsewhere. */
  readonly dockerPath?: string;
}

export async function checkLocalEngine(options: LocalEngineOptions): Promise<LocalEngineResult> {
  const result = await runProcess(options.dockerPath ?? 'docker', ['version', '--format', '{{.Server.Version}}'], {
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    env: options.env,
  });
  const durationMs = result.durationMs;
  if (result.spawnError !== undefined) {
    return { id: 'remote-docker-engine', status: 'fail', code: 'remote-docker-missing', message: 'The docker CLI is not installed on the host (or not on the PATH of the VS Code server).', durationMs };
  }
  const version = result.stdout.trim();
  if (result.exitCode === 0 && version !== '') {
    return { id: 'remote-docker-engine', status: 'pass', message: `The Docker engine on the host answers (server ${version}).`, serverVersion: version, durationMs };
  }
  return { id: 'remote-docker-engine', status: 'fail', ...classifyEngineError(result.stderr, result.timedOut), durationMs };
}

/**
 * Maps the docker CLI's complaint to the doctor's failure codes, with the doctor's own reading of
 * docker's texts (core/diagnose), so the same words mean the same code on both paths.
 */
export function classifyEngineError(stderr: string, timedOut: boolean): { code: 'docker-socket-permission' | 'docker-daemon-down'; message: string } {
  const code = diagnoseDocker({ exitCode: 1, stderr, timedOut });
  if (code === 'docker-socket-permission') {
    return { code, message: 'The Docker socket on the host refuses this user (permission denied): the user is not in the docker group, or the VS Code server started before it was added.' };
  }
  if (timedOut) {
    return { code: 'docker-daemon-down', message: 'The Docker engine on the host did not answer in time.' };
  }
  return { code: 'docker-daemon-down', message: `The Docker engine on the host does not answer: ${firstErrorLine(stderr) || 'no output'}` };
}
