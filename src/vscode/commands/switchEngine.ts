import * as vscode from 'vscode';
import { sshDestination } from '../../core/docker/dockerHostList';
import { dockerHostsTree } from '../hosts/dockerHostsTree';
import { currentEngine, engineSourceLabel } from '../hosts/engineInUse';
import { useHostEverywhere } from './useHostEverywhere';
import { useHostForWorkspace } from './useHostForWorkspace';

/**
 * The status bar's quick pick: which host this window's Docker uses. With a folder open the choice
 * is this workspace's own; without one it is the machine's.
 */
export async function switchEngine(): Promise<unknown> {
  const [engine, { entries }] = await Promise.all([currentEngine(), dockerHostsTree().entries()]);
  const inUse = engine ? sshDestination(engine.dockerHost)?.toLowerCase() : undefined;
  const perWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => ({
      label: `${entry.target.toLowerCase() === inUse ? '$(check) ' : ''}${entry.target}`,
      description: entry.contexts.join(', '),
      target: entry.target,
    })),
    {
      title: perWorkspace ? vscode.l10n.t('Docker engine for this workspace') : vscode.l10n.t('Docker engine for every window'),
      placeHolder: engine ? vscode.l10n.t('Now: {0} (from {1})', engine.dockerHost, engineSourceLabel(engine.source, engine.contextName)) : vscode.l10n.t('Now: the local engine'),
      matchOnDescription: true,
    },
  );
  if (!picked) {
    return undefined;
  }
  return perWorkspace ? useHostForWorkspace(picked.target) : useHostEverywhere(picked.target);
}
