import * as vscode from 'vscode';
import { setCurrentTarget } from '../setupState';
import { hostFromArgument, type HostArgument } from '../hosts/hostArgument';
import { openWalkthrough } from './openWalkthrough';

/** Docker Hosts view → Set up: the walkthrough, working on this host. */
export async function setUpHost(argument?: HostArgument): Promise<string | undefined> {
  const host = await hostFromArgument(argument, vscode.l10n.t('Set up which host?'));
  if (!host) {
    return undefined;
  }
  await setCurrentTarget(host.target);
  await openWalkthrough();
  return host.target;
}
