import * as vscode from 'vscode';
import { BadInputError } from '../../core/errors';
import { CommandIds } from '../commandIds';
import type { MakeDockerFastArgs } from './makeDockerFast';
import { hostFromArgument, type HostArgument } from '../hosts/hostArgument';

/** Docker Hosts view → Make Fast: connection reuse for this host, by the command that owns it. */
export async function makeHostFast(argument?: HostArgument): Promise<unknown> {
  const host = await hostFromArgument(argument, vscode.l10n.t('Make which host fast?'));
  if (!host) {
    return undefined;
  }
  if (!host.alias) {
    throw new BadInputError(vscode.l10n.t('{0} is not in the ssh config, where connection reuse is set up. Add it as a host first.', host.target));
  }
  // The command that owns connection reuse (it makes the host the current one, as its walkthrough step does).
  return vscode.commands.executeCommand(CommandIds.makeDockerFast, { target: host.alias } satisfies MakeDockerFastArgs);
}
