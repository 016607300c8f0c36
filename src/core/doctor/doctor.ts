import { readFile, stat } from 'node:fs/promises';
import { BadInputError } from '../errors';
import { Deadline } from '../deadline';
import { parseDoctorTarget, dockerHostForTarget, sshDestinationArgs } from '../ssh/doctorTarget';
import { readEffectiveSshConfig, type EffectiveConfigResult, type EffectiveSshConfig } from '../ssh/sshEffectiveConfig';
import { sshCheckArgs, sshCommandArgs } from '../ssh/sshInvocation';
import { strictHopsEnvironment, type StrictHopsEnvironment } from '../ssh/strictHops';
import { listAgentIdentities } from '../ssh/agent';
import { keysThatAsk } from '../ssh/keysThatAsk';
import { fingerprintOf, lookupKnownHosts, scanOfferedKeys, scanTypesFor, type KnownHostEntry } from '../ssh/knownHosts';
import { remoteProbeScript, parseRemoteProbe } from './remoteProbe';
import { dockerSshIsStrict, dockerSshView, sessionLoggedIn } from './roundtripGate';
import { runProcess } from '../runner';
import { diagnoseSsh, loggedInPerSsh } from './diagnose';
import { unreachableCodes } from './failureCodes';
import { hostKeyVerifiedBySession } from './checks/hostKeyCheck';
import { sessionFailureCode } from './checks/sessionFailure';
import { checksForPath, passed, remoteCheckIds, type CheckId, type CheckResult, type DoctorPath, type DoctorReport } from './checks/types';
import type { DoctorFacts, EarlierResults, IdentityFileInfo, SessionFact, Timed, Verdict } from './checks/facts';
import { sshClientCheck } from './checks/sshClientCheck';
import { agentCheck } from './checks/agentCheck';
import { identityCheck } from './checks/identityCheck';
import { hostKeyCheck } from './checks/hostKeyCheck';
import { authCheck } from './checks/authCheck';
import { remoteDockerCliCheck, remoteCliServesDialStdio } from './checks/remoteDockerCliCheck';
import { remoteDockerEngineCheck } from './checks/remoteDockerEngineCheck';
import { localDockerCliCheck } from './checks/localDockerCliCheck';
import { dockerHostRoundtripCheck } from './checks/dockerHostRoundtripCheck';
import { sshMasterCheck } from './checks/sshMasterCheck';
import { inspectMaster } from '../ssh/controlMaster';
import { podmanContainerClient } from '../docker/remoteDockerExtension';

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
  /**
   * A run nobody asked for (the extension's background rounds), which must never make the user
   * touch a security key: when the agent or the identity files hold one (see keysThatAsk.ts),
   * nothing reaches the host. The report then has the local checks only and says why.
   */
  readonly background?: boolean;
  /**
   * `ssh -G` for this target and configFile, from a caller that needs it too (the walkthrough's
   * reuse step): called when the checks need it, the doctor then runs no `ssh -G` of its own.
   */
  readonly effectiveConfig?: () => Promise<EffectiveConfigResult>;
  /**
   * Container Tools' `containers.containerClient` in the window it runs in (a VS Code setting, which
   * the host cannot show). With its Podman client the remote-ssh path needs podman on the host, not
   * a docker CLI.
   */
  readonly containerClient?: string;
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
      const [type, blob] = text?.trim().split(/\s+/) ?? [];
      return { path, fingerprint: blob ? fingerprintOf(blob) : undefined, type: blob ? type : undefined };
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
 * known_hosts entries for the host, and the keys it offers when they are worth fetching. The
 * session (StrictHostKeyChecking=yes) verifies the key itself, also where no file we can read
 * holds it (KnownHostsCommand, a CA through @cert-authority); ssh-keyscan then runs only when ssh
 * rejected the key, to show what the host offers. ssh-keyscan cannot go through
 * ProxyJump/ProxyCommand, so for those hosts the real session is the only judge.
 */
async function gatherHostKeys(config: EffectiveSshConfig | undefined, known: KnownHostEntry[], probe: Promise<Timed<SessionFact>>, deadline: Deadline, env: NodeJS.ProcessEnv) {
  if (!config) return { known: [], offered: [] };
  const processOptions = () => ({ timeoutMs: deadline.remainingMs(), signal: deadline.signal, env });
  if (config.proxied) return { known, offered: [] };
  const session = await probe;
  const code = sessionFailureCode(session.value);
  if (hostKeyVerifiedBySession(session.value, code) || (code !== undefined && unreachableCodes.has(code))) return { known, offered: [] };
  const scan = await scanOfferedKeys(config, { ...processOptions(), timeoutSeconds: deadline.remainingSeconds(), types: scanTypesFor(known) });
  return { known, offered: scan.keys, scan: scan.result };
}

/**
 * The trust gate of the docker round trip: our own session (StrictHostKeyChecking=yes, BatchMode)
 * logged in during this run, so ssh verified the host key before anything else may authenticate.
 */
export function roundtripAllowed(session: SessionFact): boolean {
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

/** The keys a login to this target could ask a touch for: in the agent ssh would use, or among its identity files. */
async function keysThatWouldAsk(effective: Promise<EffectiveConfigResult>, deadline: Deadline, env: NodeJS.ProcessEnv): Promise<string[]> {
  const options = { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env };
  const { config } = await effective;
  const socket = agentSocketFor(config, env);
  const [agent, files] = await Promise.all([
    listAgentIdentities({ ...options, timeoutMs: Math.min(deadline.remainingMs(), agentAnswerMs), env: socket === undefined ? env : { ...env, SSH_AUTH_SOCK: socket } }),
    readIdentityFiles(config ? config.list('identityfile').map((file) => config.expandPath(file)) : []),
  ]);
  return keysThatAsk(agent.identities, files);
}

export class DoctorCancelledError extends Error {
  constructor() {
    super('the doctor was cancelled');
    this.name = 'AbortError';
  }
}

/**
 * Runs the checks of one path against a target. ONE ssh session that runs the remote probe script
 * starts first; everything independent starts right after it: the local checks, `ssh -G` (then
 * known_hosts and ssh-keyscan), and on the DOCKER_HOST path one `docker -H ssh://…` round trip
 * (gated, see roundtripGate.ts). The whole run costs about one SSH handshake. Bad input throws
 * BadInputError before anything starts.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const started = performance.now();
  const target = parseDoctorTarget(options.target);
  if (options.configFile !== undefined) await assertReadableFile(options.configFile);
  const asked = checksForPath[options.path].filter((id) => options.only === undefined || options.only.includes(id));
  if (asked.length === 0) throw new BadInputError(`none of the checks asked for (${options.only?.join(', ')}) belong to the ${options.path} path; its checks are ${checksForPath[options.path].join(', ')}`);
  const deadline = new Deadline(options.timeoutMs ?? defaultDoctorTimeoutMs, options.signal);
  const env = options.env ?? process.env;
  const run = (file: string, args: readonly string[], input?: string) => runProcess(file, args, { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env, input });
  const dockerHost = options.dockerHost ?? dockerHostForTarget(target);
  if (options.dockerHost !== undefined) assertDockerHostValue(options.dockerHost);

  // The session goes first: it is the long pole (a handshake, then the remote checks). A proxied host
  // (ProxyJump, ProxyCommand ssh -W) needs our options on every hop; `ssh -G` would tell, but waiting
  // for it would delay the session, so every session gets the hop wrapper (a fixed script on PATH
  // that adds them to the hops only; for a direct host it costs one exec).
  let hops: StrictHopsEnvironment | undefined;
  try {
    // One `ssh -G` per run: the background key test and the checks share it (or the caller's).
    let effectiveRun: Promise<EffectiveConfigResult> | undefined;
    const readEffective = () => (effectiveRun ??= options.effectiveConfig?.() ?? readEffectiveSshConfig(target, options.configFile, { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env }));
    const askingKeys = options.background && asked.some((id) => remoteCheckIds.includes(id)) ? await keysThatWouldAsk(readEffective(), deadline, env) : [];
    const notCheckedInBackground = askingKeys.length > 0 ? `a login would ask you to touch ${askingKeys.join(' and ')}` : undefined;
    const selected = notCheckedInBackground ? asked.filter((id) => !remoteCheckIds.includes(id)) : asked;
    const needs = (...ids: CheckId[]) => ids.some((id) => selected.includes(id));
    const needsSession = needs(...remoteCheckIds);
    hops = needsSession ? await strictHopsEnvironment(env) : undefined;
    // The round trip waits for the line our session prints once it has logged in (see roundtripGate.ts).
    let sessionOutput = '';
    let markLoggedIn!: (yes: boolean) => void;
    const sessionLogin = new Promise<boolean>((resolve) => {
      markLoggedIn = resolve;
    });
    const probe = needsSession
      ? timed(
          // VERBOSE: ssh's "Authenticated to" tells a session that hangs after login from one that never got in.
          runProcess('ssh', sshCommandArgs(options.configFile, deadline.remainingSeconds(), target, ['/bin/sh', '-s'], 'VERBOSE'), {
            timeoutMs: deadline.remainingMs(),
            signal: deadline.signal,
            env: hops!.env,
            input: remoteProbeScript,
            onStdout: (chunk) => {
              sessionOutput += chunk.toString('latin1');
              if (sessionLoggedIn(sessionOutput.slice(0, sessionOutput.lastIndexOf('\n') + 1))) markLoggedIn(true);
            },
          }).then((result): SessionFact => ({ result, parsed: parseRemoteProbe(result.stdout), loggedIn: loggedInPerSsh(result.stderr) })),
        ).finally(() => markLoggedIn(false))
      : undefined;
    const sshVersion = needs('ssh-client') ? timed(run('ssh', ['-V'])) : undefined;

    const effective = needs('agent', 'identity', 'host-key', 'auth', 'remote-docker-cli', 'remote-docker-engine', 'ssh-master', 'docker-host-roundtrip') ? timed(readEffective()) : undefined;
    // Next the round trip, the long pole of the docker-host path. It runs the user's own docker CLI
    // and its plain ssh, exactly as the Docker extension does, without our options: that ssh reads
    // the user's config, which may say StrictHostKeyChecking accept-new or no (then it would log in
    // to a host whose key is unknown or even CHANGED). So it starts only once OUR session, with
    // StrictHostKeyChecking=yes, has logged in during this run (ssh itself verified the host key),
    // unless `ssh -G` shows that docker's ssh refuses such keys by itself too; then it overlaps our
    // session. What known_hosts holds is never the judge (a @revoked or @cert-authority line is not "known").
    // docker runs without our terminal (runner.ts), so its ssh can put no question to a person: under the default
    // StrictHostKeyChecking ask it refuses an unknown key as `yes` does, and overlaps too.
    const roundtripEnv = { ...env };
    // -H must win: a DOCKER_CONTEXT in the environment would make the CLI refuse the combination.
    delete roundtripEnv.DOCKER_CONTEXT;
    // Without a chosen -F file and with the target's own DOCKER_HOST, docker's ssh sees what our `ssh -G` saw.
    const sameView = options.configFile === undefined && dockerHost === dockerHostForTarget(target);
    const stopRoundtrip = new AbortController();
    let cliServesDialStdio = true;
    void probe?.then((session) => {
      cliServesDialStdio = !session.value.parsed.started || remoteCliServesDialStdio(session.value.parsed);
      if (!cliServesDialStdio) stopRoundtrip.abort();
    }, () => undefined);
    const roundtrip = needs('docker-host-roundtrip')
      ? (sameView ? effective!.then(({ value }) => value) : dockerSshView(dockerHost, { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env: roundtripEnv }))
          .then(async (view) => dockerSshIsStrict(view.config, process.platform) || (await sessionLogin))
          .then((allowed) =>
            allowed
              ? timed(runProcess('docker', [`--host=${dockerHost}`, 'version', '--format', '{{.Client.Version}}|{{if .Server}}{{.Server.Version}}{{end}}'], { timeoutMs: deadline.remainingMs(), signal: AbortSignal.any([deadline.signal, stopRoundtrip.signal]), env: roundtripEnv, withoutTerminal: true }))
              : undefined,
          )
          // Against Podman or a pre-18.09 CLI on the host the docker CLI here would wait out the whole
          // time limit: once the probe shows such a CLI, the round trip is stopped and not judged.
          .then(async (ran) => ((await probe!).value.parsed.started && !cliServesDialStdio ? undefined : ran))
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
    // session could not use, e.g. one with a passphrase that is not in the agent, or one that came
    // after too many agent keys. Only the public half is offered, so nothing authenticates; our
    // strict options verify the host key first.
    const acceptedKey = needs('auth')
      ? Promise.all([probe!, identityFiles!]).then(async ([session, files]) => {
          const code = diagnoseSsh(session.value.result);
          if (session.value.parsed.started || (code !== 'auth-publickey-denied' && code !== 'auth-too-many-keys')) return undefined;
          for (const file of files.value.filter((entry) => entry.fingerprint !== undefined)) {
            // DEBUG1 for ssh's "Server accepts key" line.
            const offer = await runProcess('ssh', [...sshCheckArgs(options.configFile, deadline.remainingSeconds(), 'DEBUG1'), '-o', 'IdentitiesOnly=yes', '-o', `IdentityFile=${file.path}.pub`, '-o', 'IdentityAgent=none', ...sshDestinationArgs(target), 'true'], { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env });
            if (/Server accepts key: /.test(offer.stderr)) return file.path;
          }
          return undefined;
        })
      : undefined;
    const hostKeys = needs('host-key') ? Promise.all([effective!, known!]).then(([{ value }, entries]) => timed(gatherHostKeys(value.config, entries, probe!, deadline, env))) : undefined;
    // The round trip's `docker version` also proves the local CLI (and prints its version): one Go start fewer.
    const localDocker = needs('local-docker-cli') ? (roundtrip ?? Promise.resolve(undefined)).then((ran) => (ran ? undefined : timed(run('docker', ['--version'])))) : undefined;

    // The user's own master (the doctor's session never uses one): bounded, so a hung one cannot hold us.
    const master = needs('ssh-master') ? effective!.then(({ value }) => (value.config ? timed(inspectMaster(value.config, target, options.configFile, { timeoutMs: deadline.remainingMs(), signal: deadline.signal, env })) : undefined)) : undefined;
    // docker's ssh would wait on a hung master until the time limit; the round trip is not judged then.
    void master?.then((fact) => fact?.value.kind === 'hung' && stopRoundtrip.abort(), () => undefined);
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
      podmanClient: options.containerClient === podmanContainerClient,
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
      ok: checks.every(passed),
      ...(selected.includes('docker-host-roundtrip') ? { dockerHost } : {}),
      totalMs: Math.round(performance.now() - started),
      // Plain `ssh -F FILE` reads only FILE; the user should know the system-wide file is left out.
      ...(options.configFile !== undefined ? { notes: [`ssh was run with -F ${options.configFile}, so /etc/ssh/ssh_config is not read (exactly as with plain ssh -F).`] } : {}),
      ...(notCheckedInBackground ? { notCheckedInBackground } : {}),
      checks,
    };
  } finally {
    deadline.dispose();
    await hops?.dispose();
  }
}
