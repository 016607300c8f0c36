import * as path from 'node:path';
import { parseDoctorTarget } from './doctorTarget';
import { sshHomeDir } from './config/paths';
import { readEffectiveSshConfig, type EffectiveConfigResult, type EffectiveSshConfig } from './sshEffectiveConfig';

/*
 * Whether connection reuse applies to a host, as `ssh -G` resolves it. Reading only: the walkthrough's
 * and the doctor's rounds ask this, while the writing (connectionReuse.ts, with the config editor) is
 * needed only when the user runs Make Fast or its undo.
 */

/**
 * Connection reuse for one host: every `ssh HOST …` the docker CLI starts (one per docker command)
 * rides on one master connection instead of a new login. The values are the ones issue 14 measured.
 */
export const reuseSettings = {
  controlMaster: 'auto',
  /** Written as `5m`; `ssh -G` prints seconds. */
  controlPersistSeconds: 300,
  /** A master whose server stops answering gives up after 5 s × 3, so a docker call waits 15 s, not ten minutes. */
  serverAliveInterval: 5,
  serverAliveCountMax: 3,
} as const;

/** Where the master sockets live: a private folder, short so the socket path fits (see maxControlDirLength). */
export const defaultControlDir = '~/.ssh/cm';

export interface ReuseVerdict {
  /** ssh -G shows every option with our value (undo: none of them from us any more). */
  readonly effective: boolean;
  /** One sentence per option ssh resolves differently, or why ssh -G could not tell. */
  readonly problems: string[];
  /** The control socket path ssh -G resolves (tokens expanded), when one is set. */
  readonly controlPath?: string;
}

/** Win32-OpenSSH has no ControlMaster (no unix-socket multiplexing): say so instead of writing lines that do nothing. */
export function reuseUnsupportedReason(platform: NodeJS.Platform): string | undefined {
  return platform === 'win32'
    ? 'Connection reuse needs ssh multiplexing (ControlMaster), which the OpenSSH of Windows does not have; every docker command there opens its own connection. Nothing was changed.'
    : undefined;
}

export function expandHome(dir: string): string {
  return dir === '~' || dir.startsWith('~/') ? path.join(sshHomeDir(), dir.slice(1)) : dir;
}

export interface ReuseCheckOptions {
  /** The file given to `ssh -G` as -F: only the one the user chose (Make Fast then edits that file). */
  readonly sshConfigFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** The folder for master sockets as written in the config (`~` is ssh's home). Default ~/.ssh/cm. */
  readonly controlDir?: string;
  /** false: is some reuse on at all, not necessarily ours. */
  readonly expectOurs?: boolean;
}

/** Compares what `ssh -G` resolves for the alias with what we wrote; controlDir undefined: is some reuse on at all. */
export function reuseProblems(config: EffectiveSshConfig, controlDir?: string): { problems: string[]; controlPath?: string } {
  const controlPath = config.get('controlpath');
  const problems: string[] = [];
  const expect = (key: string, label: string, ok: (value: string | undefined) => boolean, wanted: string) => {
    const value = config.get(key);
    if (!ok(value)) problems.push(`${label} is ${value ?? 'unset'} (wanted ${wanted})`);
  };
  if (controlDir === undefined) {
    expect('controlmaster', 'ControlMaster', (value) => value === 'auto' || value === 'true', 'auto');
    expect('controlpath', 'ControlPath', (value) => value !== undefined && value !== 'none', 'a socket path');
    expect('controlpersist', 'ControlPersist', (value) => value !== undefined && value !== 'no' && value !== '0', 'a time');
  } else {
    const dir = expandHome(controlDir);
    expect('controlmaster', 'ControlMaster', (value) => value === reuseSettings.controlMaster, reuseSettings.controlMaster);
    expect('controlpath', 'ControlPath', (value) => value !== undefined && value.startsWith(`${dir}/`), `${dir}/%C`);
    expect('controlpersist', 'ControlPersist', (value) => value === String(reuseSettings.controlPersistSeconds), `${reuseSettings.controlPersistSeconds} s`);
    expect('serveraliveinterval', 'ServerAliveInterval', (value) => value === String(reuseSettings.serverAliveInterval), String(reuseSettings.serverAliveInterval));
    expect('serveralivecountmax', 'ServerAliveCountMax', (value) => value === String(reuseSettings.serverAliveCountMax), String(reuseSettings.serverAliveCountMax));
  }
  return { problems, ...(controlPath !== undefined && controlPath !== 'none' ? { controlPath } : {}) };
}

/** Asks ssh itself (`ssh -G`) whether connection reuse applies to the alias. */
export async function verifyConnectionReuse(alias: string, options: ReuseCheckOptions = {}): Promise<ReuseVerdict> {
  return reuseVerdictOf(await readEffectiveSshConfig(parseDoctorTarget(alias), options.sshConfigFile, { timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal, env: options.env }), options);
}

/** The same verdict from an `ssh -G` the caller already ran for the alias (the walkthrough shares the doctor's). */
export function reuseVerdictOf({ config, result }: EffectiveConfigResult, options: { readonly controlDir?: string; readonly expectOurs?: boolean } = {}): ReuseVerdict {
  if (config === undefined) {
    const detail = result.stderr.trim().split('\n').at(-1) || result.spawnError || `exit status ${result.exitCode ?? 'none'}`;
    return { effective: false, problems: [`ssh -G could not read the config: ${detail}`] };
  }
  const { problems, controlPath } = reuseProblems(config, options.expectOurs === false ? undefined : (options.controlDir ?? defaultControlDir));
  return { effective: problems.length === 0, problems, ...(controlPath !== undefined ? { controlPath } : {}) };
}
