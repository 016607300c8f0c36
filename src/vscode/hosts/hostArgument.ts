import * as vscode from 'vscode';
import type { DockerHostEntry } from '../../core/docker/dockerHostList';
import { BadInputError } from '../../core/errors';
import { parseTarget } from '../../core/ssh/hostSpec';
import { dockerHostsTree, type HostNode } from './dockerHostsTree';

/** What a host command is called with: a row of the view, `{ target }` or the target itself (tests, automation), or nothing (then a pick). */
export type HostArgument = HostNode | { readonly target: string } | string | undefined;

export async function hostFromArgument(argument: HostArgument, title: string): Promise<DockerHostEntry | undefined> {
  if (argument && typeof argument === 'object' && 'entry' in argument) {
    return argument.entry;
  }
  const { entries } = await dockerHostsTree().entries();
  if (argument === undefined) {
    const picked = await vscode.window.showQuickPick(
      entries.map((entry) => ({ label: entry.target, description: entry.contexts.join(', '), entry })),
      { title, placeHolder: vscode.l10n.t('Type to search the hosts'), matchOnDescription: true },
    );
    return picked?.entry;
  }
  const target = typeof argument === 'string' ? argument : String(argument.target ?? '');
  const listed = entries.find((entry) => entry.target.toLowerCase() === target.toLowerCase());
  if (listed) {
    return listed;
  }
  // A target that is neither configured nor a context's: it must at least be a valid destination.
  const parsed = parseTarget(target);
  if (parsed.kind === 'alias') {
    throw new BadInputError(vscode.l10n.t('{0} is not a host in the ssh config or a docker context.', target));
  }
  return { target, contexts: [] };
}
