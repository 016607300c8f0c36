import * as vscode from 'vscode';
import { WalkthroughId } from './commandIds';

export async function openWalkthrough(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WalkthroughId, false);
}
