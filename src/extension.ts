import type * as vscode from 'vscode';
import { registerCommands } from './vscode/commands/registerCommands';
import { disposeLog } from './vscode/log';

// activate() only wires things up: no I/O, no process, no check runs here.
export function activate(context: vscode.ExtensionContext): void {
  registerCommands(context);
}

export function deactivate(): void {
  disposeLog();
}
