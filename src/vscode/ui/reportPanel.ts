import type * as vscode from 'vscode';

/*
 * The one report page of this window. Kept apart from the page's rendering (doctorReportView.ts, loaded
 * with the commands) because the background rounds ask only whether it is on screen.
 */
let panel: vscode.WebviewPanel | undefined;

export function reportPanel(): vscode.WebviewPanel | undefined {
  return panel;
}

export function setReportPanel(opened: vscode.WebviewPanel): void {
  panel = opened;
  opened.onDidDispose(() => {
    if (panel === opened) panel = undefined;
  });
}

/** The report page is open and shown in its editor group. */
export function reportVisible(): boolean {
  return panel?.visible ?? false;
}
