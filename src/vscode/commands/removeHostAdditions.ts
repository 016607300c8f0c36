import * as vscode from 'vscode';
import { removeDockerContext } from '../../core/docker/dockerContext';
import { sshDestination } from '../../core/docker/dockerHostList';
import { dockerHostInSetting, withoutDockerHost } from '../../core/docker/engineInUse';
import { removeAddedHost } from '../../core/ssh/config/removeAddedHost';
import { hostFromArgument, type HostArgument } from '../hosts/hostArgument';
import { dockerHostsTree } from '../hosts/dockerHostsTree';
import { addedForHost, recordAdded } from '../hosts/addedForHost';
import { DockerSettingKeys } from '../docker/dockerSettings';
import { extensionContext } from '../extensionContext';
import { log } from '../log';

export interface RemoveHostAdditionsArgs {
  readonly target: string;
  /** Skip the confirmation (tests, automation): the items are still listed in the log. */
  readonly confirmed?: boolean;
}

type Removal =
  | { readonly kind: 'ssh'; readonly label: string }
  | { readonly kind: 'setting'; readonly label: string; readonly key: string; readonly scope: vscode.ConfigurationTarget }
  | { readonly kind: 'context'; readonly label: string; readonly name: string };

/**
 * Docker Hosts view → Remove What We Added: our ssh config block (the exact bytes we spliced in),
 * DOCKER_HOST in the Docker settings where it names this host (the user's other variables stay),
 * and the docker contexts we created for it. Every item is listed and confirmed first.
 */
export async function removeHostAdditions(argument?: HostArgument | RemoveHostAdditionsArgs): Promise<string[] | undefined> {
  const confirmed = typeof argument === 'object' && argument !== null && 'confirmed' in argument && argument.confirmed === true;
  const host = await hostFromArgument(argument, vscode.l10n.t('Remove what was added for which host?'));
  if (!host) {
    return undefined;
  }
  const memento = extensionContext().globalState;
  const added = addedForHost(memento, host.target);
  const removals: Removal[] = [];
  if (added.sshBlock) {
    removals.push({ kind: 'ssh', label: vscode.l10n.t('The "Host {0}" block in {1}', host.target, added.sshBlock.file) });
  }
  const configuration = vscode.workspace.getConfiguration();
  for (const key of DockerSettingKeys) {
    const inspected = configuration.inspect(key);
    const scopes: [unknown, vscode.ConfigurationTarget, string][] = [
      [inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace, vscode.l10n.t('workspace settings')],
      [inspected?.globalValue, vscode.ConfigurationTarget.Global, vscode.l10n.t('user settings')],
    ];
    for (const [value, scope, where] of scopes) {
      const dockerHost = dockerHostInSetting(value);
      if (dockerHost && sshDestination(dockerHost)?.toLowerCase() === host.target.toLowerCase()) {
        removals.push({ kind: 'setting', label: vscode.l10n.t('DOCKER_HOST={0} in {1} ({2})', dockerHost, key, where), key, scope });
      }
    }
  }
  for (const name of added.contexts ?? []) {
    removals.push({ kind: 'context', label: vscode.l10n.t('The docker context {0}', name), name });
  }
  if (removals.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing we added for {0} is left to remove.', host.target));
    return [];
  }
  const remove = vscode.l10n.t('Remove');
  const detail = removals.map((removal) => `• ${removal.label}`).join('\n');
  log().info(`Remove what we added for ${host.target}:\n${detail}`);
  if (!confirmed) {
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Remove what Remote Docker added for {0}?', host.target), { modal: true, detail }, remove);
    if (answer !== remove) {
      return undefined;
    }
  }
  const done: string[] = [];
  const problems: string[] = [];
  for (const removal of removals) {
    try {
      if (removal.kind === 'ssh' && added.sshBlock) {
        await removeAddedHost(added.sshBlock);
        await recordAdded(memento, host.target, (previous) => ({ ...previous, sshBlock: undefined }));
      } else if (removal.kind === 'setting') {
        const inspected = configuration.inspect(removal.key);
        const value = removal.scope === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue;
        await configuration.update(removal.key, withoutDockerHost(value), removal.scope);
      } else if (removal.kind === 'context') {
        const result = await removeDockerContext(removal.name);
        if (!result.ok && !/not found|does not exist/i.test(result.error ?? '')) {
          throw new Error(result.error);
        }
        await recordAdded(memento, host.target, (previous) => ({ ...previous, contexts: previous.contexts?.filter((name) => name !== removal.name) }));
      }
      done.push(removal.label);
    } catch (error) {
      problems.push(`${removal.label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  log().info(`Removed for ${host.target}: ${done.join('; ') || 'nothing'}${problems.length ? `; not removed: ${problems.join('; ')}` : ''}`);
  dockerHostsTree().refresh();
  if (problems.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Some items were not removed: {0}', problems.join('; ')));
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0} item(s) added for {1}.', done.length, host.target));
  }
  return done;
}
