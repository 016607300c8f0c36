import type * as vscode from 'vscode';
import type { ConnectIntent } from './core/remote/connectIntent';
import { processesStartedCount } from './core/runner';
import { registerCommands } from './vscode/commands/registerCommands';
import { setExtensionContext } from './vscode/extensionContext';
import { resumeConnectIntent } from './vscode/remote/followThrough';
import { readIntent } from './vscode/remote/connectIntentStore';
import { disposeLog } from './vscode/log';
import { scheduleRecommendationPrompt } from './vscode/workspace/recommendationPrompt';
import { initSetupState } from './vscode/setupState';
import { startStatusBar } from './vscode/ui/statusBar';
import { startEngineStatusBar } from './vscode/ui/engineStatusBar';
import { dockerHostsTree, startDockerHostsView, type DockerHostRow } from './vscode/hosts/dockerHostsTree';
import { startTerminalDockerHost } from './vscode/hosts/terminalDockerHost';
import { currentEngine } from './vscode/hosts/engineInUse';
import type { EngineInUse } from './core/docker/engineInUse';
import { latestSteps, refreshSteps, startStepState, type StepSnapshot } from './vscode/walkthrough/stepState';

/** What other extensions and the tests in the real extension host can read. */
export interface RemoteDockerSshApi {
  /** How long activate() itself took, in ms (`npm run bench` reports it). */
  readonly activationMs: number;
  /** The last published step state (the values of the `remoteDockerSsh.step.*` context keys). */
  latestSteps(): StepSnapshot | undefined;
  /**
   * Runs the checks again now, the remote ones included (as if the user asked), and resolves with the
   * state it published. `{ local: true }`: only the local checks, as a focus change runs them.
   */
  refreshSteps(options?: { local?: boolean }): Promise<StepSnapshot>;
  /** How many processes the extension has started so far (its runner counts them; terminals aside). */
  processesStarted(): number;
  /** How many processes had been started when activate() returned. */
  readonly processesAtActivation: number;
  /** The folder of this extension's logs; the "Remote Docker over SSH" channel's file is in it. */
  readonly logFolder: string;
  /** The connect intent stored for the next window, if any. */
  connectIntent(): ConnectIntent | undefined;
  /** The engine this window's Docker uses and where the choice comes from (what the engine status item shows). */
  engineInUse(): Promise<EngineInUse | undefined>;
  /** The Docker Hosts view's top rows as rendered now (read again from the ssh config and docker). */
  dockerHostRows(): Promise<DockerHostRow[]>;
}

// activate() only wires things up: no file, no process, no check runs before it returns.
export function activate(context: vscode.ExtensionContext): RemoteDockerSshApi {
  const started = performance.now();
  setExtensionContext(context);
  initSetupState(context.globalState);
  registerCommands(context);
  startStatusBar(context);
  startEngineStatusBar(context);
  // The view reads the ssh config only when it is shown; the terminals' DOCKER_HOST is a settings read.
  startDockerHostsView(context);
  startTerminalDockerHost(context);
  // Timers and listeners only: the first checks and the workspace search run after activation.
  startStepState(context);
  // One globalState read; the follow-through itself runs after activation, and only with an intent.
  resumeConnectIntent(context);
  scheduleRecommendationPrompt(context);
  const activationMs = performance.now() - started;
  return {
    activationMs,
    latestSteps,
    refreshSteps: (options) => refreshSteps(options?.local ? { force: true } : { remote: 'asked' }),
    processesStarted: processesStartedCount,
    processesAtActivation: processesStartedCount(),
    logFolder: context.logUri.fsPath,
    connectIntent: () => readIntent(context),
    engineInUse: currentEngine,
    dockerHostRows: () => dockerHostsTree().rows(),
  };
}

export function deactivate(): void {
  disposeLog();
}
