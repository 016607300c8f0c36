import * as vscode from 'vscode';
import { createAndUseDockerContext, dockerContextNameFor } from '../../core/docker/dockerContext';
import { containerToolsId as ContainerToolsId, dockerHostFor, dockerHostSettings } from '../../core/docker/dockerHost';
import { parseTarget } from '../../core/ssh/hostSpec';
import { ensureTarget } from '../ssh/hostTarget';
import { setCurrentTarget } from '../setupState';
import { installedDockerGeneration, valuesAtScope } from '../docker/dockerSettings';
import { log } from '../log';
import { installExtensionShowingFailure } from '../ui/installExtension';
import { extensionContext } from '../extensionContext';
import { recordSelectedDockerContext } from '../docker/selectedDockerContext';
import { defaultSshConfigPath } from '../../core/ssh/config/paths';
import { sshConfigFile } from '../ssh/sshConfigFile';

/** The argument API (tests, automation); anything left out is asked for. */
export interface ConfigureDockerHostArgs {
  /** The SSH target (alias or user@host:port); becomes the current host. Default: the current host. */
  readonly target?: string;
  readonly scope?: 'user' | 'workspace';
  /** true: also create and select a docker context; false: don't ask. */
  readonly dockerContext?: boolean;
}

export interface ConfigureDockerHostResult {
  readonly dockerHost: string;
  readonly written: { key: string; value: unknown }[];
  readonly scope: 'user' | 'workspace';
  readonly dockerContext?: string;
}


/**
 * Writes DOCKER_HOST=ssh://… into the setting that the installed Docker extension generation
 * reads, at the scope the user picks, merged into what is there (core decides keys and values).
 * Optionally creates and selects a docker context so that terminals use the same host.
 */
export async function configureDockerHost(args?: ConfigureDockerHostArgs): Promise<ConfigureDockerHostResult | undefined> {
  if (args?.target !== undefined) {
    parseTarget(args.target);
    await setCurrentTarget(args.target);
  }
  const target = await ensureTarget();
  if (!target) {
    return undefined;
  }
  const generation = installedDockerGeneration();
  if (!generation) {
    // The Docker settings are declared by the extension itself; VS Code refuses to write them without it.
    const install = vscode.l10n.t('Install Container Tools');
    log().warn('configureDockerHost: no Docker extension installed, nothing written');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('No Docker extension is installed, so there is no setting to write DOCKER_HOST to. Install Container Tools, then run this step again.'), install)
      .then((choice) => (choice === install ? installExtensionShowingFailure(ContainerToolsId) : undefined));
    return undefined;
  }
  const scope = args?.scope ?? (await pickScope());
  if (!scope) {
    return undefined;
  }
  if (scope === 'workspace' && !vscode.workspace.workspaceFolders?.length) {
    throw new Error(vscode.l10n.t('Workspace settings need an open folder. Open a folder, or choose User settings.'));
  }
  const dockerHost = await dockerHostFor(target, sshConfigFile());
  const configurationTarget = scope === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
  const written = dockerHostSettings(generation, dockerHost, valuesAtScope(configurationTarget));
  const configuration = vscode.workspace.getConfiguration();
  for (const { key, value } of written) {
    await configuration.update(key, value, configurationTarget);
  }
  log().info(`DOCKER_HOST=${dockerHost} written for ${generation} (${written.map((entry) => entry.key).join(', ')}) in ${scope} settings`);

  let contextName: string | undefined;
  const wantContext = args?.dockerContext ?? (await askForContext(dockerHost));
  if (wantContext) {
    contextName = dockerContextNameFor(dockerHost);
    const result = await createAndUseDockerContext(contextName, dockerHost);
    if (result.ok) {
      log().info(`docker context ${contextName} ${result.created ? 'created' : 'updated'} and selected`);
      await recordSelectedDockerContext(extensionContext(), contextName, dockerHost);
    } else {
      log().warn(`docker context ${contextName}: ${result.error ?? 'failed'}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('The settings are written, but the docker context could not be created: {0}. Check that the docker CLI is installed here.', result.error ?? ''));
      contextName = undefined;
    }
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Docker now uses {0} ({1}).', dockerHost, written.map((entry) => entry.key).join(', ')));
  const configFile = sshConfigFile();
  if (configFile !== defaultSshConfigPath()) {
    // The docker CLI runs plain `ssh`, which reads only ~/.ssh/config: an alias (and its key and
    // known_hosts) from another file is unknown to it. The checks show this; say it up front too.
    log().warn(`DOCKER_HOST ${dockerHost}: the docker CLI reads ${defaultSshConfigPath()}, not ${configFile}`);
    const check = vscode.l10n.t('Check the Setup');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('The docker CLI reads {0}, not {1}. If the host is only in {1}, add the line "Include {1}" to {0} so that docker finds it.', defaultSshConfigPath(), configFile),
        check,
      )
      .then((choice) => (choice === check ? vscode.commands.executeCommand('remoteDockerSsh.checkSetup') : undefined));
  }
  return { dockerHost, written, scope, dockerContext: contextName };
}

async function pickScope(): Promise<'user' | 'workspace' | undefined> {
  const items: (vscode.QuickPickItem & { scope: 'user' | 'workspace' })[] = [
    { label: vscode.l10n.t('User settings'), detail: vscode.l10n.t('Every window on this computer uses the remote engine.'), scope: 'user' },
  ];
  if (vscode.workspace.workspaceFolders?.length && vscode.workspace.isTrusted) {
    items.push({ label: vscode.l10n.t('Workspace settings'), detail: vscode.l10n.t('Only this workspace uses the remote engine.'), scope: 'workspace' });
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Where should DOCKER_HOST be written?'), ignoreFocusOut: true });
  return picked?.scope;
}

async function askForContext(dockerHost: string): Promise<boolean> {
  const yes = vscode.l10n.t('Yes, create a docker context');
  const no = vscode.l10n.t('No, settings only');
  const picked = await vscode.window.showQuickPick([yes, no], {
    title: vscode.l10n.t('Also make {0} the docker CLI\'s current context?', dockerHost),
    placeHolder: vscode.l10n.t('A docker context makes "docker" in every terminal use the same host.'),
    ignoreFocusOut: true,
  });
  return picked === yes;
}
