import type * as vscode from 'vscode';
import { IntentStateKey, parseIntent, type ConnectIntent } from '../../core/remote/connectIntent';

/**
 * The connect intent lives in globalState: the workbench keeps it for the whole application, so
 * the window that `connectAndInstall` opens (and its remote extension host) reads what the local
 * window wrote.
 */
export function readIntent(context: vscode.ExtensionContext): ConnectIntent | undefined {
  return parseIntent(context.globalState.get<unknown>(IntentStateKey));
}

export async function writeIntent(context: vscode.ExtensionContext, intent: ConnectIntent): Promise<void> {
  await context.globalState.update(IntentStateKey, intent);
}

export async function clearIntent(context: vscode.ExtensionContext): Promise<void> {
  await context.globalState.update(IntentStateKey, undefined);
}
