import * as vscode from 'vscode';
import { runDoctor, type DoctorReport } from '../../core/doctor/doctor';
import { log } from '../log';
import { chosenSshConfigFile } from '../ssh/sshConfigFile';

/**
 * The doctor's last report per host of the Docker Hosts view, kept for this window only. A host is
 * checked when the user expands it or asks, one host at a time: never the whole list.
 */
const reports = new Map<string, DoctorReport>();
const running = new Map<string, Promise<DoctorReport>>();
const changed = new vscode.EventEmitter<string>();

export const onDidCheckHost = changed.event;

export function hostReport(target: string): DoctorReport | undefined {
  return reports.get(target);
}

export function checkHost(target: string): Promise<DoctorReport> {
  const inFlight = running.get(target);
  if (inFlight) {
    return inFlight;
  }
  const seconds = vscode.workspace.getConfiguration('remoteDockerSsh').get<number>('checkTimeoutSeconds') ?? 10;
  const run = runDoctor({ target, path: 'docker-host', configFile: chosenSshConfigFile(), timeoutMs: seconds * 1000 })
    .then((report) => {
      reports.set(target, report);
      const failed = report.checks.filter((check) => check.status === 'fail');
      log().info(`Docker Hosts: ${target} ${report.ok ? 'ready' : `failed: ${failed.map((check) => check.code ?? check.id).join(', ')}`}`);
      return report;
    })
    .finally(() => {
      running.delete(target);
      changed.fire(target);
    });
  running.set(target, run);
  return run;
}

/** The first failure code of a report, or undefined when every check passed. */
export function failureOf(report: DoctorReport): string | undefined {
  const failed = report.checks.find((check) => check.status === 'fail');
  return failed ? (failed.code ?? failed.id) : undefined;
}
