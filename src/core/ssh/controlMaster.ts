import { lstat, unlink } from 'node:fs/promises';
import { sshDestinationArgs, type HostTarget } from './doctorTarget';
import type { EffectiveSshConfig } from './sshEffectiveConfig';
import { runProcess, type ProcessResult } from '../runner';

/**
 * The user's own master connection for a host, the one docker's ssh would ride on (ControlPath
 * from `ssh -G`). The doctor's session never uses it (ControlPath=none), so it is looked at here.
 */
export type MasterState =
  | { readonly kind: 'not-configured' }
  | { readonly kind: 'none'; readonly controlPath: string }
  | { readonly kind: 'running'; readonly controlPath: string; readonly detail: string }
  /** The socket is there but nothing listens: the master died (killed, crashed) and left it. */
  | { readonly kind: 'stale'; readonly controlPath: string }
  /** Something accepts on the socket but does not answer (a stopped or hung master). */
  | { readonly kind: 'hung'; readonly controlPath: string; readonly waitedMs: number }
  | { readonly kind: 'unknown'; readonly controlPath: string; readonly detail: string };

/** A live master answers `-O check` in milliseconds. */
export const masterAnswerMs = 2000;

/** Non-interactive options for a mux command: it never authenticates, but no ssh of ours may prompt. */
function muxArgs(configFile: string | undefined, command: 'check' | 'exit', target: HostTarget): string[] {
  return [...(configFile !== undefined ? ['-F', configFile] : []), '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-O', command, ...sshDestinationArgs(target)];
}

function controlPathOf(config: EffectiveSshConfig): string | undefined {
  const value = config.get('controlpath');
  return value === undefined || value === 'none' ? undefined : value;
}

export async function inspectMaster(
  config: EffectiveSshConfig,
  target: HostTarget,
  configFile: string | undefined,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal; readonly env?: NodeJS.ProcessEnv },
): Promise<MasterState> {
  const controlPath = controlPathOf(config);
  if (controlPath === undefined) return { kind: 'not-configured' };
  const info = await lstat(controlPath).catch(() => undefined);
  if (info === undefined) return { kind: 'none', controlPath };
  const timeoutMs = Math.min(options.timeoutMs, masterAnswerMs);
  const result = await runProcess('ssh', muxArgs(configFile, 'check', target), { timeoutMs, signal: options.signal, env: options.env });
  return classifyMasterCheck(controlPath, result, timeoutMs);
}

export function classifyMasterCheck(controlPath: string, result: ProcessResult, waitedMs: number): MasterState {
  const detail = result.stderr.trim();
  if (result.timedOut) return { kind: 'hung', controlPath, waitedMs };
  if (result.exitCode === 0) return { kind: 'running', controlPath, detail };
  if (/Connection refused/i.test(detail)) return { kind: 'stale', controlPath };
  if (/No such file or directory/i.test(detail)) return { kind: 'none', controlPath };
  return { kind: 'unknown', controlPath, detail: detail || `ssh -O check exited with ${result.exitCode ?? 'no status'}` };
}

/**
 * Ends the user's master for a host (`ssh -O exit`), so the next ssh logs in afresh: a master keeps
 * the groups its login had, so after `usermod -aG docker` it must go. No master: nothing happens.
 */
export async function closeMaster(
  target: HostTarget,
  configFile: string | undefined,
  options: { readonly timeoutMs?: number; readonly signal?: AbortSignal; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  return runProcess('ssh', muxArgs(configFile, 'exit', target), { timeoutMs: options.timeoutMs ?? masterAnswerMs, signal: options.signal, env: options.env });
}

/**
 * Removes the socket a dead master left (ssh -O check: connection refused), which `ssh -O exit`
 * cannot end; ssh itself unlinks such a socket only when it starts a new master. Anything that
 * still answers, or is not a socket, is left alone. Returns the path removed.
 */
export async function removeStaleMasterSocket(
  config: EffectiveSshConfig,
  target: HostTarget,
  configFile: string | undefined,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal; readonly env?: NodeJS.ProcessEnv },
): Promise<string | undefined> {
  const state = await inspectMaster(config, target, configFile, options);
  if (state.kind !== 'stale') return undefined;
  const info = await lstat(state.controlPath).catch(() => undefined);
  if (!info?.isSocket()) return undefined;
  await unlink(state.controlPath);
  return state.controlPath;
}
