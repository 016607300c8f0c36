import type { ProcessResult } from '../../runner';
import type { HostTarget } from '../../ssh/doctorTarget';
import type { EffectiveSshConfig } from '../../ssh/sshEffectiveConfig';
import type { AgentIdentity } from '../../ssh/agent';
import type { HostKey, KnownHostEntry } from '../../ssh/knownHosts';
import type { RemoteProbe } from '../remoteProbe';
import type { MasterState } from '../../ssh/controlMaster';
import type { FixContext } from '../fixes';
import { passed, type CheckId, type CheckResult, type DoctorPath } from './types';

/** A gathered fact and how long gathering it took. */
export interface Timed<T> {
  readonly value: T;
  readonly ms: number;
}

export interface IdentityFileInfo {
  readonly path: string;
  /** From the .pub next to it, when there is one. */
  readonly fingerprint?: string;
  /** The key type word of that .pub (`ssh-ed25519`, `sk-ssh-ed25519@openssh.com`, …). */
  readonly type?: string;
}

/** The one ssh session that runs the remote probe script. */
export interface SessionFact {
  readonly result: ProcessResult;
  readonly parsed: RemoteProbe;
  /** ssh itself said the login succeeded ("Authenticated to …"), whether or not the script then ran. */
  readonly loggedIn: boolean;
}

/** ssh's word that the login worked: the script started, or ssh said "Authenticated to". */
export function sshLoggedIn(session: SessionFact | undefined): boolean {
  return session !== undefined && (session.parsed.started || session.loggedIn);
}

/**
 * Everything the doctor learned from the machine, gathered concurrently before any check is
 * judged. A fact is undefined when no selected check needs it.
 */
export interface DoctorFacts {
  readonly targetText: string;
  readonly target: HostTarget;
  readonly path: DoctorPath;
  readonly configFile?: string;
  readonly platform: NodeJS.Platform;
  readonly dockerHost: string;
  readonly sshVersion?: Timed<ProcessResult>;
  readonly effective?: Timed<{ config?: EffectiveSshConfig; result: ProcessResult }>;
  readonly agent?: Timed<{ result: ProcessResult; identities: AgentIdentity[] }>;
  readonly identityFiles?: Timed<IdentityFileInfo[]>;
  /** After a refused login: a key file the server says it accepts (authorized, but not usable here or offered too late). */
  readonly acceptedKey?: string;
  readonly hostKeys?: Timed<{ known: KnownHostEntry[]; offered: HostKey[]; scan?: ProcessResult }>;
  readonly probe?: Timed<SessionFact>;
  readonly localDocker?: Timed<ProcessResult>;
  readonly roundtrip?: Timed<ProcessResult>;
  /** The user's ControlMaster for the host, as docker's ssh would find it. */
  readonly master?: Timed<MasterState>;
  /** Container Tools in the Remote-SSH window uses its Podman client (containers.containerClient). */
  readonly podmanClient?: boolean;
}

/** Verdict of one check before the doctor stamps its id. */
export type Verdict = Omit<CheckResult, 'id'>;

/** Results of the checks judged so far, for the ones that depend on them. */
export type EarlierResults = ReadonlyMap<CheckId, CheckResult>;

export function pass(message: string, durationMs: number): Verdict {
  return { status: 'pass', message, durationMs: Math.round(durationMs) };
}

export function skip(message: string): Verdict {
  return { status: 'skip', message, durationMs: 0 };
}

export function fixContextOf(facts: DoctorFacts, extra: Partial<FixContext> = {}): FixContext {
  const config = facts.effective?.value.config;
  // The first key ssh would offer that really exists (ssh -G lists id_rsa first even for a user with only id_ed25519).
  const identity = facts.identityFiles?.value.find((file) => file.fingerprint !== undefined)?.path ?? facts.identityFiles?.value[0]?.path ?? (config ? config.list('identityfile').map((file) => config.expandPath(file))[0] : undefined);
  const knownHostsFile = config ? config.list('userknownhostsfile').map((file) => config.expandPath(file))[0] : undefined;
  return {
    target: facts.targetText,
    configFile: facts.configFile,
    path: facts.path,
    platform: facts.platform,
    remoteUser: facts.probe?.value.parsed.user ?? config?.user,
    hostname: config?.hostname,
    port: config?.port,
    knownHostsName: config?.knownHostsName,
    knownHostsFile,
    identityFile: identity,
    targetIsAlias: facts.target.kind === 'alias',
    ...extra,
  };
}

/** True when an earlier check that this one builds on did not pass (a skipped one counts as not passing, a warned one as passing). */
export function blockedBy(earlier: EarlierResults, ids: readonly CheckId[]): CheckResult | undefined {
  return ids.map((id) => earlier.get(id)).find((result) => result !== undefined && !passed(result));
}
