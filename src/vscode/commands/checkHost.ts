import * as vscode from 'vscode';
import type { DoctorReport } from '../../core/doctor/doctor';
import { hostFromArgument, type HostArgument } from '../hosts/hostArgument';
import { DockerHostsViewId } from '../hosts/dockerHostsTree';
import { checkHost as runHostCheck } from '../hosts/hostChecks';

/** Docker Hosts view → Check: the doctor for this one host; its row shows the result. */
export async function checkHost(argument?: HostArgument): Promise<DoctorReport | undefined> {
  const host = await hostFromArgument(argument, vscode.l10n.t('Check which host?'));
  if (!host) {
    return undefined;
  }
  return vscode.window.withProgress({ location: { viewId: DockerHostsViewId } }, () => runHostCheck(host.target));
}
