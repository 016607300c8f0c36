import * as vscode from 'vscode';
import { hostFromArgument, type HostArgument } from '../hosts/hostArgument';
import { dockerHostsTree } from '../hosts/dockerHostsTree';
import { installedDockerGeneration } from '../docker/dockerSettings';
import { dockerHostValueFor } from '../docker/dockerHostValue';
import { refreshDockerViews, writeDockerHostSettings } from '../docker/dockerHostWriter';
import { log } from '../log';

export interface UseHostResult {
  readonly dockerHost: string;
  readonly written: { key: string; value: unknown }[];
}

/**
 * Docker Hosts view → Use for this workspace: DOCKER_HOST at workspace scope in the setting the
 * installed Docker extension reads. The docker context, which is the whole machine's, is left alone;
 * the terminals of this workspace follow through the environment collection (terminalDockerHost).
 */
export async function useHostForWorkspace(argument?: HostArgument): Promise<UseHostResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    throw new Error(vscode.l10n.t('A workspace engine needs an open folder. Open a folder, or choose "Use Everywhere".'));
  }
  const host = await hostFromArgument(argument, vscode.l10n.t('Which host should this workspace use?'));
  if (!host) {
    return undefined;
  }
  const generation = installedDockerGeneration();
  if (!generation) {
    log().warn('useHostForWorkspace: no Docker extension installed, nothing written');
    void vscode.window.showWarningMessage(vscode.l10n.t('No Docker extension is installed, so there is no setting to write DOCKER_HOST to. Install Container Tools first.'));
    return undefined;
  }
  const dockerHost = await dockerHostValueFor(generation, host.target);
  const written = await writeDockerHostSettings(generation, dockerHost, vscode.ConfigurationTarget.Workspace);
  log().info(`This workspace now uses DOCKER_HOST=${dockerHost} (${written.map((entry) => entry.key).join(', ')}, workspace settings)`);
  await refreshDockerViews(generation);
  dockerHostsTree().refresh();
  return { dockerHost, written };
}
