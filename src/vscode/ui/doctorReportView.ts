import * as vscode from 'vscode';
import type { DoctorReport } from '../../core/doctor/doctor';
import { neutraliseControls } from '../../core/displayText';
import { CommandIds } from '../commandIds';
import { FixCommandByCode, ReportCommands } from './fixCommands';
import { reportPanel, setReportPanel } from './reportPanel';

/**
 * The doctor's report as a small static page: one row per check, and a button on every failure
 * that has a fix command. No scripts: the buttons are `command:` links that the webview allows
 * for our own fix commands only.
 */

// Control and bidi characters from the host or the config are made visible first (see displayText.ts).
const escapeHtml = (text: string) => neutraliseControls(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fixLabel(command: string): string {
  switch (command) {
    case CommandIds.startAgent:
      return vscode.l10n.t('Start ssh-agent');
    case CommandIds.addKeyToAgent:
      return vscode.l10n.t('Add the key to the agent');
    case CommandIds.trustHost:
      return vscode.l10n.t('Check and trust the host key');
    case CommandIds.addHost:
      return vscode.l10n.t('Check the host in the SSH config');
    case CommandIds.copyKeyToHost:
      return vscode.l10n.t('Authorize the key on the host');
    case CommandIds.closeSharedConnection:
      return vscode.l10n.t('Close the shared SSH connection and check again');
    case CommandIds.useRootlessDockerOnHost:
      return vscode.l10n.t('Use the rootless engine on the host');
    default:
      return vscode.l10n.t('Fix');
  }
}

export function renderReportHtml(report: DoctorReport, cspSource: string): string {
  const statusText: Record<string, string> = { pass: vscode.l10n.t('passed'), warn: vscode.l10n.t('warning'), fail: vscode.l10n.t('failed'), skip: vscode.l10n.t('skipped') };
  const rows = report.checks
    .map((check) => {
      // A warning gets what a failure gets: its code, its fix and the command to see it.
      const found = check.status === 'fail' || check.status === 'warn';
      const command = found && check.code ? FixCommandByCode[check.code] : undefined;
      const button = command ? `<a class="button" href="command:${command}">${escapeHtml(fixLabel(command))}</a>` : '';
      const fix = found && check.fix ? `<div class="fix">${escapeHtml(check.fix)}</div>` : '';
      // The stable code, as README's troubleshooting table lists it.
      const code = found && check.code ? ` <code class="code">[${escapeHtml(check.code)}]</code>` : '';
      const see = found && check.seeCommand ? `<div class="see">${escapeHtml(vscode.l10n.t('See it yourself:'))} <code>${escapeHtml(check.seeCommand)}</code></div>` : '';
      return `<tr class="${check.status}"><td class="status">${escapeHtml(statusText[check.status] ?? check.status)}</td><td><code>${escapeHtml(check.id)}</code></td><td>${escapeHtml(check.message)}${code}${fix}${see}${button}</td><td class="ms">${Math.round(check.durationMs)} ms</td></tr>`;
    })
    .join('\n');
  const summary = !report.ok
    ? vscode.l10n.t('Some checks failed. Each failure says what to do next.')
    : report.checks.some((check) => check.status === 'warn')
      ? vscode.l10n.t('Everything works, with a warning below that says what to do next.')
      : vscode.l10n.t('Everything works.');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline';">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 20px; }
table { border-collapse: collapse; width: 100%; } td { padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border); vertical-align: top; }
tr.fail .status { color: var(--vscode-errorForeground); font-weight: 600; } tr.pass .status { color: var(--vscode-testing-iconPassed); } tr.warn .status { color: var(--vscode-editorWarning-foreground); font-weight: 600; }
tr.skip { opacity: .7; } td code { white-space: nowrap; } .ms { color: var(--vscode-descriptionForeground); white-space: nowrap; } .note { color: var(--vscode-descriptionForeground); } .fix, .see { margin-top: 4px; color: var(--vscode-descriptionForeground); } .see code { white-space: pre-wrap; }
a.button { display: inline-block; margin-top: 6px; padding: 3px 10px; background: var(--vscode-button-background); color: var(--vscode-button-foreground); text-decoration: none; border-radius: 2px; }
</style></head><body>
<h2>${escapeHtml(vscode.l10n.t('Checks for {0} ({1})', report.target, report.path))}</h2>
<p>${escapeHtml(summary)} ${escapeHtml(vscode.l10n.t('{0} ms in all.', Math.round(report.totalMs)))}</p>
${(report.notes ?? []).map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n')}
<table>${rows}</table>
<p><a class="button" href="command:${CommandIds.checkSetup}">${escapeHtml(vscode.l10n.t('Check again'))}</a> <a class="button" href="command:${CommandIds.showLog}">${escapeHtml(vscode.l10n.t('Show Log'))}</a></p>
</body></html>`;
}

export function showReport(report: DoctorReport): void {
  let panel = reportPanel();
  if (!panel) {
    panel = vscode.window.createWebviewPanel('remoteDockerSsh.report', vscode.l10n.t('Remote Docker: setup checks'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableCommandUris: ReportCommands,
      localResourceRoots: [],
    });
    setReportPanel(panel);
  }
  panel.webview.html = renderReportHtml(report, panel.webview.cspSource);
  panel.reveal(undefined, true);
}
