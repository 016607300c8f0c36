import * as vscode from 'vscode';
import { containerClientSetting } from '../docker/dockerSettings';
import { DoctorCancelledError, runDoctor, type DoctorReport } from '../../core/doctor/doctor';
import { showReport } from '../ui/doctorReportView';
import { ensureTarget } from '../ssh/hostTarget';
import { log } from '../log';
import { setupPath } from '../setupState';
import { chosenSshConfigFile, ignoredWorkspaceSshConfigFile, sshConfigFile } from '../ssh/sshConfigFile';
import { dockerHostInUseFor, refreshSteps } from '../walkthrough/stepState';

/**
 * Runs the doctor for the chosen host and path with a cancellable progress notification, sets the
 * step keys from its result and shows the report (each failure with the button that fixes it).
 * `{ quiet: true }` skips the report page (tests, automation).
 */
export async function checkSetup(options?: { quiet?: boolean }): Promise<DoctorReport | undefined> {
  const target = await ensureTarget();
  if (!target) {
    return undefined;
  }
  const path = setupPath() === 'remoteSsh' ? 'remote-ssh' : 'docker-host';
  const ignored = ignoredWorkspaceSshConfigFile();
  if (ignored !== undefined) {
    log().warn(`Ignoring remote.SSH.configFile from the workspace settings (${ignored}): it is read from user settings only, as Remote-SSH does. Using ${sshConfigFile()}.`);
  }
  const seconds = vscode.workspace.getConfiguration('remoteDockerSsh').get<number>('checkTimeoutSeconds') ?? 10;
  let report: DoctorReport;
  try {
    report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0}…', target), cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        const listener = token.onCancellationRequested(() => abort.abort());
        try {
          const dockerHost = await dockerHostInUseFor(target);
          return await runDoctor({ target, path, configFile: chosenSshConfigFile(), timeoutMs: seconds * 1000, signal: abort.signal, dockerHost, containerClient: containerClientSetting() });
        } finally {
          listener.dispose();
        }
      },
    );
  } catch (error) {
    if (error instanceof DoctorCancelledError) {
      log().info(`Checks for ${target} cancelled`);
      return undefined;
    }
    throw error;
  }
  // Issue 11, part 3: in an untrusted workspace the report says whose settings the checks used.
  const workspaceNotes = [
    ...(!vscode.workspace.isTrusted ? [vscode.l10n.t('This workspace is not trusted: none of its folder settings that could reach ssh or docker (such as remoteDockerSsh.checkTimeoutSeconds) are used; the checks ran with your user settings.')] : []),
    ...(ignored !== undefined ? [vscode.l10n.t('remote.SSH.configFile in this workspace ({0}) is ignored: like Remote-SSH, the checks read it from your user settings only.', ignored)] : []),
  ];
  if (workspaceNotes.length > 0) report = { ...report, notes: [...(report.notes ?? []), ...workspaceNotes] };
  for (const check of report.checks) {
    log().info(`check ${check.id}: ${check.status}${check.code ? ` (${check.code})` : ''} ${check.message}`);
  }
  log().info(`Checks for ${target} (${path}): ${report.ok ? 'all passed' : 'some failed'} in ${Math.round(report.totalMs)} ms`);
  await refreshSteps({ report });
  if (!options?.quiet) {
    showReport(report);
  }
  return report;
}
