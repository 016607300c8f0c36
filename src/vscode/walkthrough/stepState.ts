import * as vscode from 'vscode';
import { runDoctor, type DoctorReport } from '../../core/doctor/doctor';
import { checksForPath, passed, remoteCheckIds, type CheckResult, type DoctorPath } from '../../core/doctor/checks/types';
import { checkLocalEngine } from '../../core/docker/localEngine';
import { RemoteSshExtensionIds } from '../../core/remote/remoteSshProduct';
import { listConfiguredHosts } from '../../core/ssh/config/configFiles';
import { reuseUnsupportedReason, reuseVerdictOf } from '../../core/ssh/connectionReuseVerdict';
import { parseDoctorTarget } from '../../core/ssh/doctorTarget';
import { readEffectiveSshConfig, type EffectiveConfigResult } from '../../core/ssh/sshEffectiveConfig';
import { validateAlias } from '../../core/ssh/hostSpec';
import { dockerExtensionPresence } from '../docker/dockerExtensionPresence';
import { configuredDockerHost, containerClientSetting, installedDockerGeneration } from '../docker/dockerSettings';
import { dockerHostValueFor } from '../docker/dockerHostValue';
import { selectedDockerContextHost } from '../docker/selectedDockerContext';
import { engineVerifiedHosts } from '../remote/engineVerifiedHosts';
import { extensionContext } from '../extensionContext';
import { log } from '../log';
import { candidateKeys } from '../ssh/pickKey';
import { currentTarget, setupPath } from '../setupState';
import { chosenSshConfigFile, sshConfigFile } from '../ssh/sshConfigFile';
import { reportVisible } from '../ui/reportPanel';
import { SetupPathContextKey, StepNames, stepContextKey, stepsPassedBy, type StepName } from './stepKeys';
import { inSshRemoteWindow } from '../remote/windowKind';

/**
 * Turns real state into the walkthrough's `remoteDockerSsh.step.*` context keys. A step is set
 * only from a probe (doctor checks, the ssh config, installed extensions, settings), never from a
 * button click.
 *
 * A quiet background: a round is LOCAL (no process reaches the host: `ssh -V`, `ssh -G`, key
 * files, `ssh-add -l`, `docker --version`, the settings) unless it follows a command of ours, the
 * user asked (Check, the status bar, the API), or the walkthrough or the report is visible, and
 * then at most once a minute. Focus and settings changes run local rounds only. Remote rounds
 * that nobody asked for never log in with a key that would ask for a touch (doctor `background`),
 * nor at all when `remoteDockerSsh.backgroundRemoteChecks` is off (for `ssh-add -c` keys, which
 * cannot be detected). A local round keeps the remote checks' last results.
 */
export interface StepSnapshot {
  readonly at: number;
  readonly target?: string;
  readonly done: ReadonlySet<StepName>;
  /** The local checks of this round, with the remote checks of the last round that ran them. */
  readonly report?: DoctorReport;
  /** When the remote checks in `report` ran; undefined when they have not run for this host. */
  readonly remoteCheckedAt?: number;
  /** Why the last remote round that nobody asked for did not reach the host. */
  readonly notCheckedInBackground?: string;
  /** The host DOCKER_HOST points at (settings), or the connected ssh-remote. */
  readonly activeDockerHost?: string;
}

/**
 * `auto`: a round nobody asked for (after a command, while the walkthrough or report is visible):
 * it skips logins that would ask. `asked`: the user wants the checks now.
 */
export type RemoteRound = 'auto' | 'asked';

const freshForMs = 5_000;
/** While the walkthrough or the report is visible, the remote checks run at most this often. */
const visibleRemoteEveryMs = 60_000;
let latest: StepSnapshot | undefined;
let running: Promise<StepSnapshot> | undefined;
/** The round that starts when the one in flight ends (at most one waits), and what it will run. */
let queued: Promise<StepSnapshot> | undefined;
let queuedRemote: { remote?: RemoteRound } = {};
const changed = new vscode.EventEmitter<StepSnapshot>();

export const onDidChangeSteps = changed.event;

export function latestSteps(): StepSnapshot | undefined {
  return latest;
}

/** Sets the path key that hides the other path's steps. Reads globalState only (memory, no I/O). */
export async function applySetupPathContext(): Promise<void> {
  await vscode.commands.executeCommand('setContext', SetupPathContextKey, setupPath() ?? '');
}

/**
 * Runs a round of checks. Without `force`/`remote`, a snapshot younger than a few seconds (or the
 * round in flight) is reused. `force` always runs a new local round and `remote` a new round with
 * the remote checks, queued after one in flight so that it sees the latest state; a doctor report
 * that a command just produced can be passed in to avoid running the doctor twice.
 */
export function refreshSteps(options: { force?: boolean; remote?: RemoteRound; report?: DoctorReport } = {}): Promise<StepSnapshot> {
  if (!options.force && !options.remote && !options.report) {
    if (running) {
      return running;
    }
    if (latest && Date.now() - latest.at < freshForMs) {
      return Promise.resolve(latest);
    }
  }
  if (queued && !options.report) {
    // A round is already waiting to start after the one in flight: it will see this change too,
    // and runs the remote checks if any of the requests it stands for asked for them.
    if (options.remote === 'asked' || (options.remote === 'auto' && queuedRemote.remote === undefined)) {
      queuedRemote.remote = options.remote;
    }
    return queued;
  }
  const request: { remote?: RemoteRound } = { remote: options.remote };
  const previous = running ?? Promise.resolve(undefined);
  const next: Promise<StepSnapshot> = previous
    .catch(() => undefined)
    .then(() => {
      if (queued === next) {
        queued = undefined;
      }
      return computeSteps(request.remote, options.report);
    })
    .then(async (snapshot) => {
      await publish(snapshot);
      return snapshot;
    })
    .finally(() => {
      if (running === next) {
        running = undefined;
      }
    });
  if (running) {
    queued = next;
    queuedRemote = request;
  }
  running = next;
  return next;
}

async function publish(snapshot: StepSnapshot): Promise<void> {
  const previous = latest;
  latest = snapshot;
  await Promise.all(StepNames.map((name) => vscode.commands.executeCommand('setContext', stepContextKey(name), snapshot.done.has(name))));
  await syncWalkthroughSteps(previous, snapshot);
  log().debug(`Steps done: ${[...snapshot.done].join(', ') || 'none'}`);
  changed.fire(snapshot);
}

/**
 * The workbench checks a step from its `onContext:` event only the first time that event happens in
 * a session, and keeps it checked when the key turns false again. So the steps follow the keys here:
 * a step that is no longer true (the agent lost the key, dockerd stopped) is unchecked
 * (`welcome.markStepIncomplete`), and one that is true again is checked (`welcome.markStepComplete`),
 * both from the probes' result only. On the first round every false key is unchecked (a check kept
 * from an earlier session); later only the keys that changed.
 */
async function syncWalkthroughSteps(previous: StepSnapshot | undefined, snapshot: StepSnapshot): Promise<void> {
  const turnedFalse = StepNames.filter((name) => !snapshot.done.has(name) && (previous === undefined || previous.done.has(name)));
  const turnedTrue = StepNames.filter((name) => snapshot.done.has(name) && (previous === undefined || !previous.done.has(name)));
  const apply = async (command: string, names: StepName[]) => {
    for (const stepId of names.length > 0 ? walkthroughStepIdsFor(new Set(names)) : []) {
      try {
        await vscode.commands.executeCommand(command, stepId);
      } catch (error) {
        log().debug(`${command} ${stepId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await apply('welcome.markStepIncomplete', turnedFalse);
  await apply('welcome.markStepComplete', turnedTrue);
}

/** The walkthrough steps (`publisher.name#walkthrough#step`) completed by these keys, from our manifest. */
function walkthroughStepIdsFor(names: ReadonlySet<StepName>): string[] {
  const extension = extensionContext().extension;
  const manifest = extension.packageJSON as { contributes?: { walkthroughs?: { id: string; steps: { id: string; completionEvents?: string[] }[] }[] } };
  const ids: string[] = [];
  for (const walkthrough of manifest.contributes?.walkthroughs ?? []) {
    for (const step of walkthrough.steps) {
      if ((step.completionEvents ?? []).some((event) => [...names].some((name) => event === `onContext:${stepContextKey(name)}`))) {
        ids.push(`${extension.id}#${walkthrough.id}#${step.id}`);
      }
    }
  }
  return ids;
}

function checkTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('remoteDockerSsh').get<number>('checkTimeoutSeconds') ?? 10;
  return Math.max(1, seconds) * 1000;
}

/** The ssh-remote host of this window (`ssh-remote+alias`), when it is a Remote-SSH window. */
export function connectedRemoteHost(): string | undefined {
  if (!inSshRemoteWindow(extensionContext())) {
    return undefined;
  }
  const authority = vscode.workspace.workspaceFolders?.[0]?.uri.authority;
  return authority?.startsWith('ssh-remote+') ? authority.slice('ssh-remote+'.length) : 'ssh-remote';
}

/**
 * The DOCKER_HOST the installed Docker extension will use: its setting, or else the docker context
 * that configureDockerHost selected while it is still the current one.
 */
export async function dockerHostInUse(): Promise<string | undefined> {
  return configuredDockerHost() ?? (await selectedDockerContextHost(extensionContext()));
}

/**
 * The value for the doctor's round trip: the DOCKER_HOST in use when it is the one for this target
 * (the round trip's known_hosts gate is about the target, so it never tries another host), else
 * the target's default (the report then says nothing about the setting, and the step stays open).
 */
export async function dockerHostInUseFor(target: string): Promise<string | undefined> {
  const [inUse, expected] = await Promise.all([dockerHostInUse(), dockerHostValueFor(installedDockerGeneration(), target).catch(() => undefined)]);
  return inUse !== undefined && inUse === expected ? inUse : undefined;
}

async function computeSteps(remote: RemoteRound | undefined, given?: DoctorReport): Promise<StepSnapshot> {
  const done = new Set<StepName>();
  const target = currentTarget();
  const configFile = sshConfigFile();
  const inRemoteWindow = inSshRemoteWindow(extensionContext());

  if (setupPath()) {
    done.add('pathChosen');
  }
  if (RemoteSshExtensionIds.some((id) => vscode.extensions.getExtension(id))) {
    done.add('remoteSshInstalled');
  }
  if (inRemoteWindow) {
    done.add('connected');
    // In a Remote-SSH window this extension host runs on the SSH host and sees its extensions.
    if (dockerExtensionPresence(extensionContext()) === 'installed') {
      done.add('dockerExtensionOnRemote');
    }
    const engine = await checkLocalEngine({ timeoutMs: checkTimeoutMs() });
    if (engine.status === 'pass') {
      done.add('engineVerified');
    }
  } else if (target && engineVerifiedHosts(extensionContext()).includes(target)) {
    // Outside the connected window, only the follow-through's recorded success for this host counts:
    // an engine that answers over ssh is not yet an engine the Remote-SSH window uses.
    done.add('engineVerified');
  }

  const probes: Promise<void>[] = [];
  let report = given;
  if (target) {
    // One `ssh -G` serves the doctor and the reuse step (each asked the same question of ssh).
    let effective: Promise<EffectiveConfigResult> | undefined;
    const effectiveConfig = () => (effective ??= Promise.resolve().then(() => readEffectiveSshConfig(parseDoctorTarget(target), chosenSshConfigFile(), { timeoutMs: checkTimeoutMs() })));
    probes.push(
      listConfiguredHosts(configFile)
        .then((hosts) => {
          if (hosts.some((host) => host.alias === target)) {
            done.add('hostConfigured');
          }
        })
        .catch((error: unknown) => log().warn(`Reading ${configFile}: ${String(error)}`)),
    );
    if (!report && !inRemoteWindow) {
      const path: DoctorPath = setupPath() === 'remoteSsh' ? 'remote-ssh' : 'docker-host';
      const backgroundOff = remote === 'auto' && vscode.workspace.getConfiguration('remoteDockerSsh').get<boolean>('backgroundRemoteChecks') === false;
      const local = remote === undefined || backgroundOff;
      probes.push(
        dockerHostInUseFor(target)
          .then((dockerHost) =>
            runDoctor({
              target,
              path,
              configFile: chosenSshConfigFile(),
              timeoutMs: checkTimeoutMs(),
              dockerHost,
              background: remote === 'auto',
              effectiveConfig,
              containerClient: containerClientSetting(),
              ...(local ? { only: checksForPath[path].filter((id) => !remoteCheckIds.includes(id)) } : {}),
            }),
          )
          .then((result) => {
            report = backgroundOff ? { ...result, notCheckedInBackground: 'remote checks in the background are turned off (remoteDockerSsh.backgroundRemoteChecks)' } : result;
          })
          .catch((error: unknown) => log().warn(`Checks for ${target} failed to run: ${String(error)}`)),
      );
    }
    if (!inRemoteWindow && reuseUnsupportedReason(process.platform) === undefined && validateAlias(target) === undefined) {
      // "Make docker over ssh fast" is done when ssh -G (local, no login) shows reuse for the host, whoever wrote it.
      probes.push(
        effectiveConfig()
          .then((resolved) => {
            const verdict = reuseVerdictOf(resolved, { expectOurs: false });
            if (verdict.effective) {
              done.add('dockerFast');
            }
          })
          .catch((error: unknown) => log().warn(`Connection reuse for ${target}: ${String(error)}`)),
      );
    }
    probes.push(
      dockerHostValueFor(installedDockerGeneration(), target)
        .then((expected) => {
          if (configuredDockerHost() === expected) {
            done.add('dockerHostConfigured');
          }
        })
        .catch((error: unknown) => log().warn(`DOCKER_HOST for ${target}: ${String(error)}`)),
    );
  }
  probes.push(
    candidateKeys()
      .then((keys) => {
        if (keys.length > 0) {
          done.add('keyGenerated');
        }
      })
      .catch(() => undefined),
  );
  await Promise.all(probes);
  const inUse = await dockerHostInUse();
  const merged = report ? withLastRemoteChecks(report, latest) : undefined;
  report = merged?.report;
  if (report) {
    for (const step of stepsPassedBy(report.checks)) {
      done.add(step);
    }
    // "Verify docker through ssh" claims that the DOCKER_HOST the Docker extension will use reaches
    // the engine: the round trip must have run with exactly that value, not the target's default.
    if (inUse === undefined || report.dockerHost !== inUse) {
      done.delete('dockerHostVerified');
    }
  }
  const activeDockerHost = connectedRemoteHost() ?? inUse;
  const notCheckedInBackground = report?.notCheckedInBackground;
  return { at: Date.now(), target, done, report, remoteCheckedAt: merged?.remoteCheckedAt, notCheckedInBackground, activeDockerHost };
}

/**
 * A report without remote checks (a local round, or a background round that left the host alone)
 * takes them from the last round that ran them for the same host and path: the steps they prove
 * stay as they were instead of flickering off. It keeps that round's DOCKER_HOST, so a round trip
 * made with another value than the one in use now still does not verify the step (computeSteps).
 */
function withLastRemoteChecks(report: DoctorReport, last: StepSnapshot | undefined): { report: DoctorReport; remoteCheckedAt?: number } {
  const isRemote = (check: CheckResult) => remoteCheckIds.includes(check.id);
  if (report.checks.some(isRemote)) {
    return { report, remoteCheckedAt: Date.now() };
  }
  const earlier = last?.report;
  if (!earlier || last.remoteCheckedAt === undefined || earlier.target !== report.target || earlier.path !== report.path) {
    return { report };
  }
  const byId = new Map([...earlier.checks.filter(isRemote), ...report.checks].map((check) => [check.id, check]));
  const checks = checksForPath[report.path].flatMap((id) => byId.get(id) ?? []);
  const dockerHost = earlier.dockerHost !== undefined ? { dockerHost: earlier.dockerHost } : {};
  return { report: { ...report, ...dockerHost, ok: checks.every(passed), checks }, remoteCheckedAt: last.remoteCheckedAt };
}

/** The walkthrough's tab: VS Code labels every Welcome page "Welcome" and gives the API no input type for it. */
function welcomePageVisible(): boolean {
  return vscode.window.tabGroups.all.some((group) => group.activeTab?.label === 'Welcome' && group.activeTab.input === undefined);
}

/** While the walkthrough or the report is visible in a focused window: the remote checks, at most once a minute. */
function remoteRoundIfVisible(): void {
  if (!vscode.window.state.focused || !(reportVisible() || welcomePageVisible())) {
    return;
  }
  if (latest?.remoteCheckedAt !== undefined && Date.now() - latest.remoteCheckedAt < visibleRemoteEveryMs) {
    return;
  }
  if (latest?.notCheckedInBackground !== undefined && Date.now() - latest.at < visibleRemoteEveryMs) {
    return;
  }
  void refreshSteps({ remote: 'auto' });
}

/**
 * Wires the re-checks: local rounds when the window regains focus (the user may have fixed
 * something in a terminal) and when relevant settings or extensions change; remote rounds while
 * the walkthrough or the report is visible. The first check is queued, not awaited, so activation
 * does no I/O; it is local.
 */
export function startStepState(context: vscode.ExtensionContext): void {
  const visibleTimer = setInterval(remoteRoundIfVisible, visibleRemoteEveryMs / 4);
  context.subscriptions.push(
    changed,
    { dispose: () => clearInterval(visibleTimer) },
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) {
        void refreshSteps();
        remoteRoundIfVisible();
      }
    }),
    vscode.window.tabGroups.onDidChangeTabs(remoteRoundIfVisible),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (['remote.SSH.configFile', 'containers.environment', 'docker.environment', 'docker.host'].some((key) => event.affectsConfiguration(key))) {
        void refreshSteps({ force: true });
      }
    }),
    vscode.extensions.onDidChange(() => void refreshSteps({ force: true })),
  );
  void applySetupPathContext();
  setTimeout(() => void refreshSteps(), 0);
}
