import * as vscode from 'vscode';
import { listConfiguredHosts } from '../../core/ssh/config/configFiles';
import { CommandIds } from '../commandIds';
import { currentTarget, setCurrentTarget } from '../setupState';
import { sshConfigFile } from './sshConfigFile';
import { log } from '../log';

/**
 * The host the steps work on. When none was chosen yet the user picks one from the ssh config
 * (or adds one); `undefined` means they cancelled, and the caller simply stops.
 */
export async function ensureTarget(): Promise<string | undefined> {
  return currentTarget() ?? (await chooseTarget());
}

interface HostItem extends vscode.QuickPickItem {
  readonly alias?: string;
}

/** Lets the user pick a configured host (or start adding a new one) and remembers the choice. */
export async function chooseTarget(options?: { title?: string; configFile?: string }): Promise<string | undefined> {
  const configFile = options?.configFile ?? sshConfigFile();
  let hosts: { alias: string; file: string; line: number }[] = [];
  try {
    hosts = await listConfiguredHosts(configFile);
  } catch (error) {
    log().warn(`Could not read ${configFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const items: HostItem[] = [
    ...hosts.map((host) => ({ label: host.alias, description: `${host.file}:${host.line}`, alias: host.alias })),
    { label: `$(add) ${vscode.l10n.t('Add a new SSH host…')}` },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: options?.title ?? vscode.l10n.t('Choose the SSH host that runs Docker'),
    placeHolder: hosts.length > 0 ? vscode.l10n.t('Hosts from {0}', configFile) : vscode.l10n.t('{0} has no hosts yet', configFile),
    ignoreFocusOut: true,
  });
  if (!picked) {
    return undefined;
  }
  if (!picked.alias) {
    const added = await vscode.commands.executeCommand<{ alias: string } | undefined>(CommandIds.addHost, { mode: 'new' });
    return added?.alias;
  }
  await setCurrentTarget(picked.alias);
  log().info(`Working on host ${picked.alias}`);
  return picked.alias;
}
