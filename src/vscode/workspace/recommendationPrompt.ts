import * as vscode from 'vscode';
import {
  decideLocalPrompt,
  DockerWorkspaceExclude,
  DockerWorkspaceGlob,
  DockerWorkspaceSearchLimit,
  hasSshDockerHost,
  PromptDismissedKey,
  RemoteInstallDismissedKey,
  SetupCompletedKey,
  shouldPromptRemoteInstall,
} from '../../core/workspace/recommendationPrompt';
import { intentState } from '../../core/remote/connectIntent';
import { dockerExtensionToInstall } from '../../core/docker/remoteDockerExtension';
import { CommandIds } from '../commandIds';
import { readIntent } from '../remote/connectIntentStore';
import { dockerExtensionPresence, installExtensionOnHost } from '../docker/dockerExtensionPresence';
import { log } from '../log';
import { windowKind } from '../remote/windowKind';

// Let the window finish starting before we look at its files: the prompt is never urgent.
const promptDelayMs = 3000;
const searchTimeoutMs = 5000;

/** Schedules the one-time recommendation prompt for this window. Returns at once. */
export function scheduleRecommendationPrompt(context: vscode.ExtensionContext): void {
  const timer = setTimeout(() => {
    void promptIfDue(context).catch((error: unknown) => log().warn(`Recommendation prompt failed: ${String(error)}`));
  }, promptDelayMs);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
}

function promptSettingEnabled(): boolean {
  return vscode.workspace.getConfiguration('remoteDockerSsh').get<boolean>('promptForRecommendations', true);
}

async function promptIfDue(context: vscode.ExtensionContext): Promise<void> {
  const { remoteName } = windowKind(context);
  if (remoteName === 'ssh-remote') {
    await promptRemoteInstallIfDue(context);
    return;
  }
  const facts = {
    remoteName,
    promptSetting: promptSettingEnabled(),
    dismissedForWorkspace: context.workspaceState.get<boolean>(PromptDismissedKey, false),
    hasWorkspaceFolders: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
    setupDone: context.globalState.get<boolean>(SetupCompletedKey, false) || hasSshDockerHost(dockerHostSettingValues()),
  };
  let decision = decideLocalPrompt({ ...facts, dockerFilesFound: undefined });
  if (decision.kind === 'search-files') {
    const found = await findDockerFiles();
    decision = decideLocalPrompt({ ...facts, dockerFilesFound: found });
  }
  log().info(`Recommendation prompt: ${decision.kind}${decision.kind === 'skip' ? ` (${decision.reason})` : ''}`);
  if (decision.kind === 'prompt') {
    await showSetupPrompt(context);
  }
}

function dockerHostSettingValues(): unknown[] {
  return [
    vscode.workspace.getConfiguration('containers').get('environment'),
    vscode.workspace.getConfiguration('docker').get('environment'),
    vscode.workspace.getConfiguration('docker').get('host'),
  ];
}

async function findDockerFiles(): Promise<boolean> {
  const cancel = new vscode.CancellationTokenSource();
  const timer = setTimeout(() => cancel.cancel(), searchTimeoutMs);
  try {
    const files = await vscode.workspace.findFiles(DockerWorkspaceGlob, DockerWorkspaceExclude, DockerWorkspaceSearchLimit, cancel.token);
    return files.length > 0;
  } finally {
    clearTimeout(timer);
    cancel.dispose();
  }
}

async function showSetupPrompt(context: vscode.ExtensionContext): Promise<void> {
  const setUp = vscode.l10n.t('Set up remote Docker');
  const notNow = vscode.l10n.t('Not now');
  const never = vscode.l10n.t("Don't ask again for this workspace");
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('This workspace uses Docker. Run it on a Linux host over SSH? The setup walkthrough checks every step for you.'),
    setUp,
    notNow,
    never,
  );
  log().info(`Recommendation prompt answered: ${answer ?? 'dismissed'}`);
  if (answer === never) {
    await context.workspaceState.update(PromptDismissedKey, true);
    log().info('Recommendation prompt: will not ask again in this workspace.');
  } else if (answer === setUp) {
    await vscode.commands.executeCommand(CommandIds.openWalkthrough);
    await offerRecommendations();
  }
}

/** After "Set up": offer the workspace recommendations, once, where they are missing and writable. */
async function offerRecommendations(): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    return;
  }
  // The extensions.json reader (and jsonc-parser) is in the commands' chunk: most windows never get here.
  const [{ missingFolderRecommendations }, { workspaceRecommendationIds }] = await Promise.all([
    import(/* webpackChunkName: "commands" */ './extensionsJsonFile'),
    import(/* webpackChunkName: "commands" */ '../../core/workspace/extensionsJson'),
  ]);
  const folders = vscode.workspace.workspaceFolders ?? [];
  const missing = await Promise.all(folders.map((f) => missingFolderRecommendations(f.uri, workspaceRecommendationIds())));
  if (!missing.some((ids) => ids.length > 0)) {
    return;
  }
  const add = vscode.l10n.t('Add to extensions.json');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Recommend Remote-SSH and the Docker extension to everyone who opens this workspace?'),
    add,
  );
  if (answer === add) {
    await vscode.commands.executeCommand(CommandIds.addRecommendations);
  }
}

/** In an SSH window without a pending connect intent: offer the Docker extension on the host. */
async function promptRemoteInstallIfDue(context: vscode.ExtensionContext): Promise<void> {
  const due = shouldPromptRemoteInstall({
    remoteName: windowKind(context).remoteName,
    promptSetting: promptSettingEnabled(),
    dismissedForWorkspace: context.workspaceState.get<boolean>(RemoteInstallDismissedKey, false),
    dockerExtension: dockerExtensionPresence(context),
    intentLive: intentState(readIntent(context), Date.now()) === 'live',
  });
  if (!due) {
    return;
  }
  const id = dockerExtensionToInstall();
  const install = vscode.l10n.t('Install on this host');
  const never = vscode.l10n.t("Don't ask again for this workspace");
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('The Docker extension ({0}) is not installed on this SSH host. Install it there so it talks to the engine on the host?', id),
    install,
    vscode.l10n.t('Not now'),
    never,
  );
  if (answer === never) {
    await context.workspaceState.update(RemoteInstallDismissedKey, true);
  } else if (answer === install) {
    const presence = await installExtensionOnHost(context, id);
    log().info(`Installed ${id} on the host: ${presence}`);
  }
}
