import * as vscode from 'vscode';
import { chooseServerRestart } from '../../core/remote/remoteOpener';
import { nextFollowThroughStep, type EngineResult, type FollowThroughFacts } from '../../core/remote/remoteFollowThrough';
import { recordEngineVerified } from './engineVerifiedHosts';
import { SetupCompletedKey } from '../../core/workspace/recommendationPrompt';
import { clearIntent, readIntent, writeIntent } from './connectIntentStore';
import { dockerExtensionPresence, installedDockerExtensionId, installExtensionOnHost, runsOnRemoteHost } from '../docker/dockerExtensionPresence';
import { checkEngineOfHost } from './remoteEngineCheck';
import { availableCommands } from './remoteWindowOpener';
import { exitStatusText, runInTerminal } from '../ui/terminalProcess';
import { CommandIds } from '../commandIds';
import { log } from '../log';
import { userInfo } from 'node:os';
import { dockerGroupMembership } from '../../core/docker/dockerGroup';
import { inSshRemoteWindow, windowKind } from './windowKind';

/**
 * Called from activate(). Costs one globalState read when no intent is pending — the case in
 * almost every window — and returns at once; the work itself runs after activation.
 */
export function resumeConnectIntent(context: vscode.ExtensionContext): void {
  const intent = readIntent(context);
  if (intent === undefined || !inSshRemoteWindow(context)) {
    return;
  }
  setTimeout(() => {
    void followThrough(context).catch((error: unknown) => {
      log().error(`Follow-through failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }, 0);
}

/** Carries out the steps of core/remoteFollowThrough until it says stop. Exported for tests. */
export async function followThrough(context: vscode.ExtensionContext): Promise<FollowThroughFacts['engine'] | undefined> {
  let facts: FollowThroughFacts = {
    remoteName: windowKind(context).remoteName,
    intent: readIntent(context),
    now: Date.now(),
    dockerExtension: dockerExtensionPresence(context),
    installAttempted: false,
    engine: undefined,
    groupFix: 'not-offered',
  };
  const alias = facts.intent?.alias ?? '';

  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finishing the Docker setup on {0}', alias), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      for (;;) {
        if (token.isCancellationRequested) {
          await clearIntent(context);
          log().info('Follow-through cancelled by the user; intent cleared.');
          return facts.engine;
        }
        const step = nextFollowThroughStep(facts);
        log().info(`Follow-through step: ${step.kind}`);
        switch (step.kind) {
          case 'nothing':
            return facts.engine;
          case 'discard-expired':
            log().info('The connect intent is older than 10 minutes; discarded.');
            await clearIntent(context);
            return facts.engine;
          case 'install-extension': {
            progress.report({ message: vscode.l10n.t('Installing {0} on the host…', step.extensionId) });
            let presence = facts.dockerExtension;
            // A failed install shows its reason and next steps, and logs it (installExtensionOnHost).
            presence = await installExtensionOnHost(context, step.extensionId);
            facts = { ...facts, installAttempted: true, dockerExtension: presence };
            break;
          }
          case 'check-engine': {
            progress.report({ message: vscode.l10n.t('Checking the Docker engine…') });
            const engine: EngineResult = await checkEngineOfHost(context, alias, abort.signal);
            log().info(`Engine: ${engine.status}${engine.code ? ` (${engine.code})` : ''} ${engine.message ?? ''}`);
            facts = { ...facts, engine, dockerGroup: engine.code === 'docker-socket-permission' ? await dockerGroupOfServer(context) : undefined };
            break;
          }
          case 'offer-docker-group':
            facts = { ...facts, groupFix: await offerDockerGroup(alias, token) };
            break;
          case 'restart-server':
            await restartServer(context, alias);
            return facts.engine;
          case 'give-up-stale-server':
            await clearIntent(context);
            reportStaleServer(alias, step.serverPid);
            return facts.engine;
          case 'give-up':
            await clearIntent(context);
            reportFailure(alias, step.code, step.message);
            return facts.engine;
          case 'done':
            await clearIntent(context);
            await context.globalState.update(SetupCompletedKey, true);
            await recordEngineVerified(context, alias);
            reportReady(alias, installedDockerExtensionId(context), facts.engine?.message ?? '');
            return facts.engine;
        }
      }
    },
  );
}

/**
 * On the host only: whether the user is in the docker group and whether this server has it. The
 * extension host is a child of the VS Code server, so its groups are the server's, and its parent
 * is the process that has to go.
 */
async function dockerGroupOfServer(context: vscode.ExtensionContext): Promise<FollowThroughFacts['dockerGroup']> {
  if (!runsOnRemoteHost(context)) {
    return undefined;
  }
  const membership = await dockerGroupMembership(userInfo().username, 5000);
  log().info(`docker group: ${membership ? `account ${membership.account}, this server ${membership.session} (pid ${process.ppid})` : 'unknown'}`);
  return membership && { ...membership, serverPid: process.ppid };
}

/** Offers the docker group in a remote terminal; the command is fixed, nothing from the user reaches the shell. */
async function offerDockerGroup(alias: string, token: vscode.CancellationToken): Promise<'accepted' | 'declined'> {
  const add = vscode.l10n.t('Add me to the docker group');
  // A notification does not close when the progress is cancelled: the cancel answers it too.
  let onCancel: vscode.Disposable | undefined;
  const cancelled = new Promise<undefined>((resolve) => (onCancel = token.onCancellationRequested(() => resolve(undefined))));
  const answer = await Promise.race([
    cancelled,
    vscode.window.showWarningMessage(
      vscode.l10n.t('The Docker engine on {0} refuses your user (permission denied on its socket). Add your user to the docker group? A terminal on the host runs sudo usermod -aG docker $USER and asks for your password.', alias),
      add,
    ),
  ]);
  onCancel?.dispose();
  if (answer !== add) {
    return 'declined';
  }
  const exitCode = await runInTerminal(vscode.l10n.t('Remote Docker: docker group'), '/bin/sh', ['-c', 'sudo usermod -aG docker "$USER"'], token, {
    success: vscode.l10n.t('Your user is in the docker group (it applies to processes started from now on)'),
  });
  log().info(`usermod: ${exitStatusText(exitCode)}`);
  if (exitCode !== 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('sudo usermod -aG docker failed ({0}). The terminal shows why.', exitStatusText(exitCode)));
  }
  return exitCode === 0 ? 'accepted' : 'declined';
}

/**
 * Group membership reaches only processes started after it: the VS Code server must restart.
 * The intent survives the restart (with a fresh timestamp and the restart counted) so the
 * follow-through checks again in the reconnected window, and stops if it is still denied.
 */
async function restartServer(context: vscode.ExtensionContext, alias: string): Promise<void> {
  const intent = readIntent(context);
  if (intent !== undefined) {
    await writeIntent(context, { ...intent, createdAt: Date.now(), serverRestarts: intent.serverRestarts + 1 });
  }
  const restart = chooseServerRestart(await availableCommands());
  if (restart.kind === 'manual') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('You are in the docker group now. Close every window connected to {0} and connect again, so that a new VS Code server starts with the new group.', alias),
    );
    return;
  }
  const go = vscode.l10n.t('Restart and reconnect');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('You are in the docker group now. Restart the VS Code server on {0} to use it? Every window connected to {0} reconnects.', alias),
    { modal: true },
    go,
  );
  if (answer !== go) {
    await clearIntent(context);
    return;
  }
  await vscode.commands.executeCommand(restart.command);
  await vscode.commands.executeCommand('workbench.action.reloadWindow');
}

/** On the UI side this extension cannot see the host's extensions (`installed` undefined): it claims only what the check saw. */
function reportReady(alias: string, installed: string | undefined, engineMessage: string): void {
  void vscode.window.showInformationMessage(
    installed
      ? vscode.l10n.t('Docker on {0} is ready: {1} is installed on the host and the engine answers. {2}', alias, installed, engineMessage)
      : vscode.l10n.t('Docker on {0} is ready: the engine answers over SSH. {1}', alias, engineMessage),
  );
}

/** The reported failure (#1807, #9712): a restart that did not start a new server. Says which process to end, exactly. */
function reportStaleServer(alias: string, serverPid: number): void {
  const command = `kill ${serverPid}`;
  log().warn(`The VS Code server (pid ${serverPid}) still lacks the docker group after a restart; run on the host: ${command}`);
  const copy = vscode.l10n.t('Copy command');
  void vscode.window
    .showErrorMessage(
      vscode.l10n.t(
        'You are in the docker group on {0}, but the VS Code server there (process {1}) still runs without it: the restart did not start a new server. On the host, run {2}, then connect again.',
        alias,
        String(serverPid),
        command,
      ),
      copy,
    )
    .then((answer) => (answer === copy ? vscode.env.clipboard.writeText(command) : undefined));
}

function reportFailure(alias: string, code: string, message: string | undefined): void {
  const check = vscode.l10n.t('Check setup');
  const showLog = vscode.l10n.t('Show log');
  const text =
    code === 'docker-extension-not-installed'
      ? vscode.l10n.t('The Docker extension could not be installed on {0}. Install it from the Extensions view ("Install in SSH: {0}").', alias)
      : vscode.l10n.t('Docker on {0} is not ready yet: {1}', alias, message ?? code);
  void vscode.window.showErrorMessage(text, check, showLog).then((answer) => {
    if (answer === check) {
      void vscode.commands.executeCommand(CommandIds.checkSetup);
    } else if (answer === showLog) {
      void vscode.commands.executeCommand(CommandIds.showLog);
    }
  });
}
