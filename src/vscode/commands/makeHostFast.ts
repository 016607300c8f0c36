import * as vscode from 'vscode';
import { BadInputError } from '../../core/errors';
import { hostFromArgument, type HostArgument } from '../hosts/hostArgument';

/** The command that sets up connection reuse for a host (its own issue; this view only hands it the alias). */
const MakeDockerFastCommand = 'remoteDockerSsh.makeDockerFast';

/** Docker Hosts view → Make Fast: connection reuse for this host, by the command that owns it. */
export async function makeHostFast(argument?: HostArgument): Promise<unknown> {
  const host = await hostFromArgument(argument, vscode.l10n.t('Make which host fast?'));
  if (!host) {
    return undefined;
  }
  if (!host.alias) {
    throw new BadInputError(vscode.l10n.t('{0} is not in the ssh config, where connection reuse is set up. Add it as a host first.', host.target));
  }
  if (!(await vscode.commands.getCommands(true)).includes(MakeDockerFastCommand)) {
    throw new Error(vscode.l10n.t('Connection reuse is not available in this version of the extension.'));
  }
  return vscode.commands.executeCommand(MakeDockerFastCommand, { alias: host.alias });
}
