import * as vscode from 'vscode';
import { BadInputError } from '../../core/errors';
import { hostFromArgument, type HostArgument } from '../hosts/hostArgument';
import { connectAndInstall, type ConnectAndInstallResult } from './connectAndInstall';

/** Docker Hosts view → Open with Remote-SSH: the one-click connect for this host. */
export async function openHostWithRemoteSsh(argument?: HostArgument): Promise<ConnectAndInstallResult | undefined> {
  const host = await hostFromArgument(argument, vscode.l10n.t('Open which host with Remote-SSH?'));
  if (!host) {
    return undefined;
  }
  if (!host.alias) {
    // Remote-SSH opens hosts by their ssh config name.
    throw new BadInputError(vscode.l10n.t('{0} is not in the ssh config, which Remote-SSH opens hosts from. Add it as a host first.', host.target));
  }
  return connectAndInstall({ alias: host.alias });
}
