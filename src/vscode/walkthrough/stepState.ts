import * as vscode from 'vscode';
import { runDoctor, type DoctorReport } from '../../core/doctor/doctor';
import { checkLocalEngine } from '../../core/docker/localEngine';
import { RemoteSshExtensionIds } from '../../core/remote/remoteSshProduct';
import { listConfiguredHosts } from '../../core/ssh/config/configFiles';
import { dockerExtensionPresence } from '../docker/dockerExtensionPresence';
import { configuredDockerHost, installedDockerGeneration } from '../docker/dockerSettings';
import { dockerHostValueFor } from '../docker/dockerHostValue';
import { selectedDockerContextHost } from '../docker/selectedDockerContext';
import { engineVerifiedHosts } from '../remote/engineVerifiedHosts';
import { extensionContext } from '../extensionContext';
import { log } from '../log';
import { candidateKeys } from '../ssh/pickKey';
import { currentTarget, setupPath } from '../setupState';
import { chosenSshConfigFile, sshConfigFile } from '../ssh/sshConfigFile';
import { SetupPathContextKey, StepNames, stepContextKey, stepsPassedBy, type StepName } from './stepKeys';
import { inSshRemoteWindow } from '../remote/windowKind';

/**
 * Turns real state into the walkthrough's `remoteDockerSsh.step.*` context keys. A step is set
 * only from a probe (doctor checks, the ssh config, installed extensions, settings), never from a
 * button click. Results are cached for a few seconds so that focus changes and back-to-back
 * commands cost one round of checks.
 */
export interface StepSnapshot {
  readonly at: number;
  readonly target?: string;
  readonly done: ReadonlySet<StepName>;
  readonly report?: DoctorReport;
  /** The host DOCKER_HOST points at (settings), or the connected ssh-remote. */
  readonly activeDockerHost?: string;
}

const freshForMs = 5_000;
let latest: StepSnapshot | undefined;
let running: Promise<StepSnapshot> | undefined;
/** The round that starts when the one in flight ends (at most one waits). */
let queued: Promise<StepSnapshot> | undefined;
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
 * Re-runs the checks unless a snapshot younger than a few seconds exists. `force` (after a command)
 * always runs a new round, queued after one in flight so that it sees the latest state; a doctor
 * report that a command just produced can be passed in to avoid running the doctor twice.
 */
export function refreshSteps(options: { force?: boolean; report?: DoctorReport } = {}): Promise<StepSnapshot> {
  if (!options.force && !options.report) {
    if (running) {
      return running;
    }
    if (latest && Date.now() - latest.at < freshForMs) {
      return Promise.resolve(latest);
    }
  }
  if (queued && !options.report) {
    // A round is already waiting to start after the one in flight: it will see this change too.
    return queued;
  }
  const previous = running ?? Promise.resolve(undefined);
  const next: Promise<StepSnapshot> = previous
    .catch(() => undefined)
    .then(() => {
      if (queued === next) {
        queued = undefined;
      }
      return computeSteps(options.report);
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

async function computeSteps(given?: DoctorReport): Promise<StepSnapshot> {
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
      probes.push(
        dockerHostInUseFor(target)
          .then((dockerHost) => runDoctor({ target, path: setupPath() === 'remoteSsh' ? 'remote-ssh' : 'docker-host', configFile: chosenSshConfigFile(), timeoutMs: checkTimeoutMs(), dockerHost }))
          .then((result) => {
            report = result;
          })
          .catch((error: unknown) => log().warn(`Checks for ${target} failed to run: ${String(error)}`)),
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
  return { at: Date.now(), target, done, report, activeDockerHost };
}

/**
 * Wires the re-checks: when the window regains focus (the user may have fixed something in a
 * terminal) and when relevant settings or extensions change. The first check is queued, not awaited,
 * so activation does no I/O.
 */
export function startStepState(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    changed,
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) {
        void refreshSteps();
      }
    }),
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
