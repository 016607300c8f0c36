import type * as vscode from 'vscode';
import { registerCommands } from './vscode/commands/registerCommands';
import { setExtensionContext } from './vscode/extensionContext';
import { resumeConnectIntent } from './vscode/followThrough';
import { disposeLog } from './vscode/log';
import { scheduleRecommendationPrompt } from './vscode/recommendationPrompt';

// activate() only wires things up: no I/O, no process, no check runs here.
export function activate(context: vscode.ExtensionContext): void {
  setExtensionContext(context);
  registerCommands(context);
  // One globalState read; the follow-through itself runs after activation, and only with an intent.
  resumeConnectIntent(context);
  // A timer; the workspace search happens seconds later, off the activation path.
  scheduleRecommendationPrompt(context);
}

export function deactivate(): void {
  disposeLog();
}
