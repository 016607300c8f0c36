import * as vscode from 'vscode';
import { hostFromArgument, type HostArgument } from '../hosts/hostArgument';
import { installedDockerGeneration } from '../docker/dockerSettings';
import { dockerHostValueFor } from '../docker/dockerHostValue';

/** Docker Hosts view → Copy DOCKER_HOST: the value the installed Docker extension would use for this host. */
export async function copyDockerHost(argument?: HostArgument): Promise<string | undefined> {
  const host = await hostFromArgument(argument, vscode.l10n.t('Copy DOCKER_HOST of which host?'));
  if (!host) {
    return undefined;
  }
  const dockerHost = await dockerHostValueFor(installedDockerGeneration(), host.target);
  await vscode.env.clipboard.writeText(dockerHost);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0}.', dockerHost));
  return dockerHost;
}
