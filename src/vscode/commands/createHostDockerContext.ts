import * as vscode from 'vscode';
import { createDockerContext, dockerContextNameFor } from '../../core/docker/dockerContext';
import { hostFromArgument, type HostArgument } from '../hosts/hostArgument';
import { dockerHostsTree } from '../hosts/dockerHostsTree';
import { recordContextCreated } from '../hosts/addedForHost';
import { dockerHostFor } from '../../core/docker/dockerHost';
import { sshConfigFile } from '../ssh/sshConfigFile';
import { extensionContext } from '../extensionContext';
import { log } from '../log';

/**
 * Docker Hosts view → Create Docker Context: `docker context create` for this host, which Container
 * Tools' Contexts view cannot do for ssh. It is not selected: the machine's current context stays.
 */
export async function createHostDockerContext(argument?: HostArgument): Promise<{ name: string; dockerHost: string } | undefined> {
  const host = await hostFromArgument(argument, vscode.l10n.t('Create a docker context for which host?'));
  if (!host) {
    return undefined;
  }
  // The docker CLI runs plain ssh, which applies the alias: `ssh://alias` whichever extension is installed.
  const dockerHost = await dockerHostFor(host.target, sshConfigFile());
  const name = dockerContextNameFor(dockerHost);
  const result = await createDockerContext(name, dockerHost);
  if (!result.ok) {
    throw new Error(vscode.l10n.t('docker context create {0} failed: {1}', name, result.error ?? ''));
  }
  if (result.created) {
    await recordContextCreated(extensionContext().globalState, host.target, name);
  }
  log().info(`docker context ${name} ${result.created ? 'created' : 'updated'} for ${dockerHost}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Docker context {0} points at {1}. Select it with "docker context use {0}".', name, dockerHost));
  dockerHostsTree().refresh();
  return { name, dockerHost };
}
