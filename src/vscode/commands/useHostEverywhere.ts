import * as vscode from 'vscode';
import { hostFromArgument, type HostArgument } from '../hosts/hostArgument';
import { dockerHostsTree } from '../hosts/dockerHostsTree';
import { recordContextCreated } from '../hosts/addedForHost';
import { dockerHostAtScope } from '../hosts/engineInUse';
import { extensionContext } from '../extensionContext';
import { configureDockerHost, type ConfigureDockerHostResult } from './configureDockerHost';

/**
 * Docker Hosts view → Use Everywhere: the machine's choice, in user settings and as the docker CLI's
 * current context (the same write as the walkthrough's step, with the context).
 */
export async function useHostEverywhere(argument?: HostArgument): Promise<ConfigureDockerHostResult | undefined> {
  const host = await hostFromArgument(argument, vscode.l10n.t('Which host should every window use?'));
  if (!host) {
    return undefined;
  }
  const result = await configureDockerHost({ target: host.target, scope: 'user', dockerContext: true });
  if (result?.dockerContext) {
    await recordContextCreated(extensionContext().globalState, host.target, result.dockerContext);
  }
  const own = dockerHostAtScope('workspace');
  if (result && own && own !== result.dockerHost) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This workspace keeps its own engine, {0}, from its workspace settings.', own));
  }
  dockerHostsTree().refresh();
  return result;
}
