import * as vscode from 'vscode';
import { dockerHostsTree } from '../hosts/dockerHostsTree';

/** Narrows the Docker Hosts view to hosts whose name (or context) contains the text; empty shows all. */
export async function filterDockerHosts(text?: string): Promise<string | undefined> {
  const tree = dockerHostsTree();
  const value = text ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('Filter the Docker hosts'), prompt: vscode.l10n.t('Part of a host or context name; empty shows every host'), value: tree.filter }));
  if (value === undefined) {
    return undefined;
  }
  tree.setFilter(value);
  return tree.filter;
}
