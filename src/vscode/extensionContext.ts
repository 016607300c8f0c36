import type * as vscode from 'vscode';

let current: vscode.ExtensionContext | undefined;

/** Kept by activate() for the commands that need globalState or workspaceState. */
export function setExtensionContext(context: vscode.ExtensionContext): void {
  current = context;
}

export function extensionContext(): vscode.ExtensionContext {
  if (current === undefined) {
    throw new Error('The extension is not active.');
  }
  return current;
}
