import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { onDidChangeSteps, type StepSnapshot } from '../walkthrough/stepState';

/**
 * One status bar item: the remote Docker host in use (DOCKER_HOST from the settings, or the
 * Remote-SSH host of this window) and whether the last checks passed. Clicking runs the checks.
 */
export function startStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('remoteDockerSsh.host', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Remote Docker host');
  item.command = CommandIds.checkSetup;
  context.subscriptions.push(item, onDidChangeSteps((snapshot) => render(item, snapshot)));
}

function render(item: vscode.StatusBarItem, snapshot: StepSnapshot): void {
  const host = snapshot.activeDockerHost;
  if (!host) {
    // Nothing set up yet: the item offers the one-click setup instead of a state.
    item.text = `$(remote) ${vscode.l10n.t('Remote Docker')}`;
    item.tooltip = vscode.l10n.t('Connect to an SSH host and install Docker there');
    item.command = CommandIds.connectAndInstall;
    item.backgroundColor = undefined;
    item.show();
    return;
  }
  item.command = CommandIds.checkSetup;
  const report = snapshot.report;
  const failed = report?.checks.filter((check) => check.status === 'fail') ?? [];
  const warned = report?.checks.filter((check) => check.status === 'warn') ?? [];
  // Local checks alone do not make a host "all passed": until the remote ones ran, it is "not checked".
  const checked = report !== undefined && (snapshot.remoteCheckedAt !== undefined || failed.length > 0);
  // A warning shows the warning icon without the failure's background colour.
  const icon = !checked ? '$(circle-outline)' : failed.length === 0 && warned.length === 0 ? '$(check)' : '$(warning)';
  item.text = `${icon} $(server-environment) ${host}`;
  const state = !checked
    ? snapshot.notCheckedInBackground !== undefined
      ? vscode.l10n.t('Docker host {0}: not checked in the background ({1}). Click to check.', host, snapshot.notCheckedInBackground)
      : vscode.l10n.t('Docker host {0}: not checked yet. Click to check.', host)
    : failed.length === 0
      ? warned.length === 0
        ? vscode.l10n.t('Docker host {0}: all checks passed. Click to check again.', host)
        : vscode.l10n.t('Docker host {0}: all checks passed, with a warning: {1}. Click for the report.', host, warned.map((check) => check.message).join('; '))
      : vscode.l10n.t('Docker host {0}: {1} check(s) failed: {2}. Click for the report.', host, failed.length, failed.map((check) => check.message).join('; '));
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendText(state);
  tooltip.appendMarkdown(`\n\n[$(remote) ${vscode.l10n.t('Connect to another host and install Docker there')}](command:${CommandIds.connectAndInstall})`);
  // Only our own command may run from this tooltip.
  tooltip.isTrusted = { enabledCommands: [CommandIds.connectAndInstall] };
  item.tooltip = tooltip;
  item.backgroundColor = failed.length > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  item.show();
}
