import { existsSync } from 'node:fs';
import { parseTarget } from '../hostSpec';
import { runProcess } from '../../runner';

/** The effective settings ssh will use for a destination, as `ssh -G` prints them. */
export interface ResolvedHost {
  /** The alias asked for, when the target was a bare name. */
  readonly alias?: string;
  readonly hostname: string;
  readonly user: string;
  readonly port: number;
  readonly identityFiles: string[];
}

/** ssh could not read the config (a syntax error, an option this ssh does not know, ...). */
export class SshConfigError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'SshConfigError';
  }
}

export interface ResolveOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** The ssh binary; `ssh` from PATH by default. */
  readonly sshPath?: string;
}

/**
 * Asks ssh itself (`ssh -G -F FILE -- TARGET`) instead of reimplementing its rules: Include,
 * Match, first-value-wins and tokens all come out exactly as ssh will apply them.
 * `ssh -G` never connects, but it does run `Match exec` commands of the config, as every ssh call does.
 */
export async function resolveHost(configFile: string, target: string, options: ResolveOptions = {}): Promise<ResolvedHost> {
  const parsed = parseTarget(target);
  // OpenSSH refuses a -F file that does not exist; "none" means "no config", which is what a missing file is.
  const args = ['-G', '-F', existsSync(configFile) ? configFile : 'none'];
  let destination: string;
  if (parsed.kind === 'alias') {
    destination = parsed.alias;
  } else {
    if (parsed.user !== undefined) {
      args.push('-l', parsed.user);
    }
    if (parsed.port !== undefined) {
      args.push('-p', String(parsed.port));
    }
    destination = parsed.host;
  }
  args.push('--', destination);
  const result = await runProcess(options.sshPath ?? 'ssh', args, {
    timeoutMs: options.timeoutMs ?? 10_000,
    signal: options.signal,
    env: options.env,
  });
  if (result.spawnError !== undefined) {
    throw new SshConfigError(`Could not run ssh: ${result.spawnError}`, '');
  }
  if (result.timedOut || result.cancelled) {
    throw new SshConfigError(`ssh -G ${result.cancelled ? 'was cancelled' : 'timed out'} reading ${configFile}.`, result.stderr);
  }
  if (result.exitCode !== 0) {
    const detail = result.stderr.trim().split('\n').filter((line) => line.length > 0).at(-1) ?? `exit status ${result.exitCode}`;
    throw new SshConfigError(`ssh could not read ${configFile}: ${detail}`, result.stderr);
  }
  return parseSshGOutput(result.stdout, parsed.kind === 'alias' ? parsed.alias : undefined);
}

export function parseSshGOutput(stdout: string, alias?: string): ResolvedHost {
  let hostname: string | undefined;
  let user: string | undefined;
  let port: number | undefined;
  const identityFiles: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const space = line.indexOf(' ');
    if (space === -1) {
      continue;
    }
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'hostname') {
      hostname = value;
    } else if (key === 'user') {
      user = value;
    } else if (key === 'port') {
      port = Number(value);
    } else if (key === 'identityfile') {
      identityFiles.push(value);
    }
  }
  if (hostname === undefined || user === undefined || port === undefined || !Number.isInteger(port)) {
    throw new SshConfigError('ssh -G printed no hostname, user or port.', '');
  }
  return { ...(alias !== undefined ? { alias } : {}), hostname, user, port, identityFiles };
}
