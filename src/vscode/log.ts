import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The one output channel of the extension ("Remote Docker over SSH"), created on first use. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Remote Docker over SSH', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
