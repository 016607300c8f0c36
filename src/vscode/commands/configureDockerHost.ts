import * as vscode from 'vscode';
import { createAndUseDockerContext, dockerContextNameFor } from '../../core/docker/dockerContext';
import { containerToolsId as ContainerToolsId } from '../../core/docker/dockerHost';
import { parseTarget } from '../../core/ssh/hostSpec';
import { ensureTarget } from '../ssh/hostTarget';
import { setCurrentTarget } from '../setupState';
import { installedDockerGeneration } from '../docker/dockerSettings';
import { refreshDockerViews, writeDockerHostSettings } from '../docker/dockerHostWriter';
import { log } from '../log';
import { dockerHostValueFor } from '../docker/dockerHostValue';
import { CommandIds } from '../commandIds';
import { listAgentIdentities } from '../../core/ssh/agent';
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
  /** The settings the values really landed in (see settingsLandedIn). */
  readonly landedIn: string;
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
  if (generation === 'docker-host' && !(await oldExtensionCanLogIn(target))) {
    return undefined;
  }
  const dockerHost = await dockerHostValueFor(generation, target);
  const configurationTarget = scope === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
  const written = await writeDockerHostSettings(generation, dockerHost, configurationTarget);
  const landed = settingsLandedIn(written.map((entry) => entry.key), scope);
  log().info(`DOCKER_HOST=${dockerHost} written for ${generation} (${written.map((entry) => entry.key).join(', ')}) in ${landed}`);
  await refreshDockerViews(generation);

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
  void vscode.window.showInformationMessage(vscode.l10n.t('Docker now uses {0} ({1}, written to {2}).', dockerHost, written.map((entry) => entry.key).join(', '), landed));
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
  return { dockerHost, written, scope, landedIn: landed, dockerContext: contextName };
}

/**
 * Where VS Code really put the values. In a window whose extension host is remote (code-server,
 * Remote-SSH), a machine-overridable setting chosen for User lands in that machine's settings
 * (user-data/Machine/settings.json), not in the user's: say so instead of "User settings".
 */
function settingsLandedIn(keys: readonly string[], scope: 'user' | 'workspace'): string {
  if (scope === 'workspace') {
    return vscode.l10n.t('Workspace settings');
  }
  // The editor's own remoteName, not windowKind(): this is about where VS Code stored the value.
  const machineScoped = keys.some((key) => declaredScopeOf(key) === 'machine-overridable' || declaredScopeOf(key) === 'machine');
  return vscode.env.remoteName && machineScoped ? vscode.l10n.t('Machine settings of {0} (settings.json under the server\'s user-data/Machine)', vscode.env.remoteName) : vscode.l10n.t('User settings');
}

function declaredScopeOf(key: string): string | undefined {
  for (const extension of vscode.extensions.all) {
    const configuration = (extension.packageJSON as { contributes?: { configuration?: unknown } }).contributes?.configuration;
    for (const section of Array.isArray(configuration) ? configuration : configuration ? [configuration] : []) {
      const property = (section as { properties?: Record<string, { scope?: string }> }).properties?.[key];
      if (property) {
        return property.scope ?? 'window';
      }
    }
  }
  return undefined;
}

const OldExtensionWarnedKey = 'remoteDockerSsh.oldDockerExtensionWarned';

/**
 * Docker before 1.23 connects with ssh2, not the ssh command: no ~/.ssh/config, only the agent,
 * and no host key check. The agent must hold a key first (dockerHostValueFor puts user, address and
 * port from `ssh -G` into the URL), and the user is told once, plainly, that this generation does not check host keys.
 */
async function oldExtensionCanLogIn(target: string): Promise<boolean> {
  const { identities, result } = await listAgentIdentities({ timeoutMs: 5_000 });
  if (identities.length === 0) {
    log().warn(`configureDockerHost: Docker before 1.23 logs in only through the agent, which holds no key (ssh-add -l: ${result.exitCode ?? result.spawnError ?? 'no status'}); nothing written`);
    const add = vscode.l10n.t('Add a key to the agent');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('This Docker extension (before 1.23) logs in only with a key held by ssh-agent, and the agent holds none. Add your key to the agent, then run this step again.'), add)
      .then((choice) => (choice === add ? vscode.commands.executeCommand(CommandIds.addKeyToAgent) : undefined));
    return false;
  }
  const context = extensionContext();
  if (!context.globalState.get<boolean>(OldExtensionWarnedKey)) {
    await context.globalState.update(OldExtensionWarnedKey, true);
    const install = vscode.l10n.t('Install Container Tools');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('This Docker extension (before 1.23) does not verify the host key of {0}: it would talk to any server at that address. Container Tools uses your ssh, which does. Install Container Tools instead?', target),
        install,
      )
      .then((choice) => (choice === install ? installExtensionShowingFailure(ContainerToolsId) : undefined));
  }
  return true;
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
