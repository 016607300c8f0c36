import { readFile, stat } from 'node:fs/promises';
import { BadInputError } from '../errors';
import { Deadline } from '../deadline';
import { parseDoctorTarget, dockerHostForTarget, sshDestinationArgs } from '../ssh/doctorTarget';
import { readEffectiveSshConfig, type EffectiveSshConfig } from '../ssh/sshEffectiveConfig';
import { sshCheckArgs, sshCommandArgs } from '../ssh/sshInvocation';
import { strictHopsEnvironment } from '../ssh/strictHops';
import { listAgentIdentities } from '../ssh/agent';
import { fingerprintOf, lookupKnownHosts, scanOfferedKeys, scanTypesFor, type KnownHostEntry } from '../ssh/knownHosts';
import { remoteProbeScript, parseRemoteProbe, type RemoteProbe } from './remoteProbe';
import { runProcess, type ProcessResult } from '../runner';
import { diagnoseSsh } from './diagnose';
import { unreachableCodes } from './failureCodes';
import { hostKeyVerifiedBySession } from './checks/hostKeyCheck';
import { checksForPath, type CheckId, type CheckResult, type DoctorPath, type DoctorReport } from './checks/types';
import type { DoctorFacts, EarlierResults, IdentityFileInfo, Timed, Verdict } from './checks/facts';
import { sshClientCheck } from './checks/sshClientCheck';
import { agentCheck } from './checks/agentCheck';
import { identityCheck } from './checks/identityCheck';
import { hostKeyCheck } from './checks/hostKeyCheck';
import { authCheck } from './checks/authCheck';
import { remoteDockerCliCheck } from './checks/remoteDockerCliCheck';
import { remoteDockerEngineCheck } from './checks/remoteDockerEngineCheck';
import { localDockerCliCheck } from './checks/localDockerCliCheck';
import { dockerHostRoundtripCheck } from './checks/dockerHostRoundtripCheck';
import { sshMasterCheck } from './checks/sshMasterCheck';
import { inspectMaster } from '../ssh/controlMaster';

export type { CheckId, CheckResult, DoctorPath, DoctorReport } from './checks/types';

export interface DoctorOptions {
  readonly target: string;
  readonly path: DoctorPath;
  /** The ssh config the user chose, passed to every ssh call as -F (then /etc/ssh/ssh_config is not read, as with plain ssh -F); absent, ssh reads its own defaults. */
  readonly configFile?: string;
  /** Bounds the whole doctor (default 10 s); every child still running then is killed. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
  /** Run only these checks (in the path's order). */
  readonly only?: readonly CheckId[];
  readonly platform?: NodeJS.Platform;
  /**
   * The DOCKER_HOST the round trip uses: the value the Docker extension will use (its setting or
   * the selected docker context). Default: ssh://<target>.
   */
  readonly dockerHost?: string;
}

export const defaultDoctorTimeoutMs = 10_000;

/** An agent answers `ssh-add -l` in milliseconds; one that has not after this long never will. */
const agentAnswerMs = 4000;

/** A DOCKER_HOST from settings is user text: one URL, no whitespace or control characters. */
function assertDockerHostValue(value: string): void {
  const plain = [...value].every((char) => char.charCodeAt(0) > 0x20 && char.charCodeAt(0) !== 0x7f);
  if (!plain || !/^[a-z][a-z0-9+.-]*:\/\/./i.test(value)) {
    throw new BadInputError(`DOCKER_HOST ${JSON.stringify(value)} is not a URL such as ssh://user@host`);
  }
}

const judges: Record<CheckId, (facts: DoctorFacts, earlier: EarlierResults) => Verdict> = {
  'ssh-client': sshClientCheck,
  agent: agentCheck,
  identity: identityCheck,
  'host-key': hostKeyCheck,
  auth: authCheck,
  'remote-docker-cli': remoteDockerCliCheck,
  'remote-docker-engine': remoteDockerEngineCheck,
  'local-docker-cli': localDockerCliCheck,
  'ssh-master': sshMasterCheck,
  'docker-host-roundtrip': dockerHostRoundtripCheck,
};

async function timed<T>(work: Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

async function readIdentityFiles(paths: readonly string[]): Promise<IdentityFileInfo[]> {
  return Promise.all(
    paths.map(async (path) => {
      const text = await readFile(`${path}.pub`, 'utf8').catch(() => undefined);
      const blob = text?.trim().split(/\s+/)[1];
      return { path, fingerprint: blob ? fingerprintOf(blob) : undefined };
    }),
  );
}

/** A --config that does not exist is a typo to report as bad input, not a failed check. */
async function assertReadableFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new BadInputError(`the ssh config file ${path} does not exist or is not a file`);
}

/** The host's entries in every known_hosts file the config names (`ssh-keygen -F`). */
function knownEntriesFor(config: EffectiveSshConfig | undefined, deadline: Deadline, env: NodeJS.ProcessEnv): Promise<KnownHostEntry[]> {
  if (!config) return Promise.resolve([]);
  const files = [...config.list('userknownhostsfile'), ...config.list('globalknownhostsfile')].map((file) => config.expandPath(file));
  return lookupKnownHosts(config.knownHostsName, files, { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env });
}

/**
 * known_hosts entries for the host, and the keys it offers when they are worth fetching. For a
 * known host the session (StrictHostKeyChecking=yes) verifies the key itself; ssh-keyscan then
 * runs only when ssh rejected the key, to show what the host offers. ssh-keyscan cannot go through
 * ProxyJump/ProxyCommand, so for those hosts the real session is the only judge.
 */
async function gatherHostKeys(config: EffectiveSshConfig | undefined, known: KnownHostEntry[], probe: Promise<Timed<{ result: ProcessResult; parsed: RemoteProbe }>>, deadline: Deadline, env: NodeJS.ProcessEnv) {
  if (!config) return { known: [], offered: [] };
  const processOptions = () => ({ timeoutMs: deadline.remainingMs(), signal: deadline.signal, env });
  if (config.proxied) return { known, offered: [] };
  if (known.length > 0) {
    const session = await probe;
    const code = diagnoseSsh(session.value.result);
    if (hostKeyVerifiedBySession(session.value.parsed.started, code) || (code !== undefined && unreachableCodes.has(code))) return { known, offered: [] };
  }
  const scan = await scanOfferedKeys(config, { ...processOptions(), timeoutSeconds: deadline.remainingSeconds(), types: scanTypesFor(known) });
  return { known, offered: scan.keys, scan: scan.result };
}

/**
 * The trust gate of the docker round trip: our own session (StrictHostKeyChecking=yes, BatchMode)
 * logged in during this run, so ssh verified the host key before anything else may authenticate.
 */
export function roundtripAllowed(session: { result: ProcessResult; parsed: RemoteProbe }): boolean {
  return session.parsed.started;
}

/** IdentityAgent from `ssh -G`: a socket path, SSH_AUTH_SOCK or $VAR, or none (then an empty value: no agent). */
function agentSocketFor(config: EffectiveSshConfig | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const value = config?.get('identityagent');
  if (value === undefined || value === 'SSH_AUTH_SOCK') return undefined;
  if (value === 'none') return '';
  if (value.startsWith('$')) return env[value.slice(1)] ?? '';
  return config!.expandPath(value.replace(/^"(.*)"$/, '$1'));
}

export class DoctorCancelledError extends Error {
  constructor() {
    super('the doctor was cancelled');
    this.name = 'AbortError';
  }
}

/**
 * Runs the checks of one path against a target. Everything independent starts at once: the
 * local checks, `ssh -G` (then known_hosts and ssh-keyscan), ONE ssh session that runs the
 * remote probe script, and on the DOCKER_HOST path one `docker -H ssh://…` round trip. The whole
 * run costs about one SSH handshake. Bad input throws BadInputError before anything starts.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const started = performance.now();
  const target = parseDoctorTarget(options.target);
  if (options.configFile !== undefined) await assertReadableFile(options.configFile);
  const selected = checksForPath[options.path].filter((id) => options.only === undefined || options.only.includes(id));
  if (selected.length === 0) throw new BadInputError(`none of the checks asked for (${options.only?.join(', ')}) belong to the ${options.path} path; its checks are ${checksForPath[options.path].join(', ')}`);
  const needs = (...ids: CheckId[]) => ids.some((id) => selected.includes(id));
  const deadline = new Deadline(options.timeoutMs ?? defaultDoctorTimeoutMs, options.signal);
  const env = options.env ?? process.env;
  const run = (file: string, args: readonly string[], input?: string) => runProcess(file, args, { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env, input });
  const dockerHost = options.dockerHost ?? dockerHostForTarget(target);
  if (options.dockerHost !== undefined) assertDockerHostValue(options.dockerHost);

  try {
    const sshVersion = needs('ssh-client') ? timed(run('ssh', ['-V'])) : undefined;

    const effective = needs('agent', 'identity', 'host-key', 'auth', 'remote-docker-cli', 'remote-docker-engine', 'ssh-master', 'docker-host-roundtrip') ? timed(readEffectiveSshConfig(target, options.configFile, { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env })) : undefined;
    // The round trip needs the probe too: it is the proof that gates it (below). A proxied host
    // (ProxyJump, ProxyCommand ssh -W, as `ssh -G` reports) gets our options on every hop.
    const probe = needs('host-key', 'auth', 'remote-docker-cli', 'remote-docker-engine', 'docker-host-roundtrip')
      ? effective!.then(async ({ value }) => {
          const hops = value.config?.proxied ? await strictHopsEnvironment(env) : undefined;
          try {
            return await timed(
              runProcess('ssh', sshCommandArgs(options.configFile, deadline.remainingSeconds(), target, ['/bin/sh', '-s']), { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env: hops?.env ?? env, input: remoteProbeScript }).then((result) => ({ result, parsed: parseRemoteProbe(result.stdout) })),
            );
          } finally {
            await hops?.dispose();
          }
        })
      : undefined;
    const known = needs('host-key') ? effective!.then(({ value }) => knownEntriesFor(value.config, deadline, env)) : undefined;
    // The agent ssh uses is the config's IdentityAgent when set (1Password, Secretive), else SSH_AUTH_SOCK.
    const agent = needs('agent', 'identity')
      ? (effective ?? Promise.resolve(undefined)).then((fact) => {
          const socket = agentSocketFor(fact?.value.config, env);
          return timed(listAgentIdentities({ timeoutMs: Math.min(deadline.remainingMs(), agentAnswerMs), signal: deadline.signal, env: socket === undefined ? env : { ...env, SSH_AUTH_SOCK: socket } }));
        })
      : undefined;
    // The auth check's fix names a key that exists (its .pub is read here), not ssh's first default.
    const identityFiles = needs('identity', 'auth')
      ? effective!.then(({ value }) => timed(readIdentityFiles(value.config ? value.config.list('identityfile').map((file) => value.config!.expandPath(file)) : [])))
      : undefined;
    // A refused login: ask the server (ssh is the judge) whether it would take a key file that the
    // session could not use, e.g. one with a passphrase that is not in the agent. Only the public
    // half is offered, so nothing authenticates; our strict options verify the host key first.
    const acceptedKey = needs('auth')
      ? Promise.all([probe!, identityFiles!]).then(async ([session, files]) => {
          if (session.value.parsed.started || diagnoseSsh(session.value.result) !== 'auth-publickey-denied') return undefined;
          for (const file of files.value.filter((entry) => entry.fingerprint !== undefined)) {
            // -v for ssh's "Server accepts key" line (debug1), so without our LogLevel=ERROR (the first LogLevel wins).
            const strict = sshCheckArgs(options.configFile, deadline.remainingSeconds()).filter((arg, index, all) => arg !== 'LogLevel=ERROR' && all[index + 1] !== 'LogLevel=ERROR');
            const offer = await runProcess('ssh', [...strict, '-v', '-o', 'IdentitiesOnly=yes', '-o', `IdentityFile=${file.path}.pub`, '-o', 'IdentityAgent=none', ...sshDestinationArgs(target), 'true'], { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env });
            if (/Server accepts key: /.test(offer.stderr)) return file.path;
          }
          return undefined;
        })
      : undefined;
    const hostKeys = needs('host-key') ? Promise.all([effective!, known!]).then(([{ value }, entries]) => timed(gatherHostKeys(value.config, entries, probe!, deadline, env))) : undefined;
    // The round trip runs the user's own docker CLI and its plain ssh, exactly as the Docker extension
    // does, without our options: that ssh reads the user's config, which may say StrictHostKeyChecking
    // accept-new or no (then it would log in to a host whose key is unknown or even CHANGED). So it runs
    // only after OUR session, with StrictHostKeyChecking=yes, logged in during this run: ssh itself
    // verified the host key. What known_hosts holds is never the judge (a @revoked or @cert-authority
    // line is not "known").
    const roundtripEnv = { ...env };
    // -H must win: a DOCKER_CONTEXT in the environment would make the CLI refuse the combination.
    delete roundtripEnv.DOCKER_CONTEXT;
    const roundtrip = needs('docker-host-roundtrip')
      ? probe!.then((session) =>
          roundtripAllowed(session.value)
            ? timed(runProcess('docker', [`--host=${dockerHost}`, 'version', '--format', '{{.Client.Version}}|{{if .Server}}{{.Server.Version}}{{end}}'], { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env: roundtripEnv }))
            : undefined,
        )
      : undefined;
    // The round trip's `docker version` also proves the local CLI (and prints its version): one Go start fewer.
    const localDocker = needs('local-docker-cli') ? (roundtrip ?? Promise.resolve(undefined)).then((ran) => (ran ? undefined : timed(run('docker', ['--version'])))) : undefined;

    // The user's own master (the doctor's session never uses one): bounded, so a hung one cannot hold us.
    const master = needs('ssh-master') ? effective!.then(({ value }) => (value.config ? timed(inspectMaster(value.config, target, options.configFile, { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env })) : undefined)) : undefined;
    // Wait for every child before judging or throwing: nothing may outlive runDoctor.
    const pending = { sshVersion, agent, localDocker, probe, roundtrip, effective, known, identityFiles, hostKeys, acceptedKey, master };
    // The first failure stops the rest at once (they are killed) instead of letting them run out their time.
    const settled = await Promise.allSettled(Object.values(pending).map((work) => work?.catch((error: unknown) => {
      deadline.abort();
      throw error;
    })));
    const failure = settled.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    const facts: DoctorFacts = {
      targetText: options.target,
      target,
      path: options.path,
      configFile: options.configFile,
      platform: options.platform ?? process.platform,
      dockerHost,
      sshVersion: await sshVersion,
      agent: await agent,
      localDocker: await localDocker,
      probe: await probe,
      roundtrip: await roundtrip,
      effective: await effective,
      identityFiles: await identityFiles,
      hostKeys: await hostKeys,
      acceptedKey: await acceptedKey,
      master: await master,
    };
    if (deadline.cancelledByCaller) throw new DoctorCancelledError();

    const earlier = new Map<CheckId, CheckResult>();
    const checks: CheckResult[] = [];
    for (const id of selected) {
      const result: CheckResult = { id, ...judges[id](facts, earlier) };
      earlier.set(id, result);
      checks.push(result);
    }
    return {
      target: options.target,
      path: options.path,
      ok: checks.every((check) => check.status === 'pass'),
      ...(selected.includes('docker-host-roundtrip') ? { dockerHost } : {}),
      totalMs: Math.round(performance.now() - started),
      // Plain `ssh -F FILE` reads only FILE; the user should know the system-wide file is left out.
      ...(options.configFile !== undefined ? { notes: [`ssh was run with -F ${options.configFile}, so /etc/ssh/ssh_config is not read (exactly as with plain ssh -F).`] } : {}),
      checks,
    };
  } finally {
    deadline.dispose();
  }
}
