import * as vscode from 'vscode';
import { RemoteWindowSeamVariable, windowKindFrom, type WindowKind } from '../../core/remote/windowKind';

/**
 * The one place the product asks what kind of window it runs in (see core/remote/windowKind).
 * Everything else reads `remoteName` and `onRemoteHost` from here, never `vscode.env.remoteName`.
 */
export function windowKind(context: vscode.ExtensionContext): WindowKind {
  return windowKindFrom({
    remoteName: vscode.env.remoteName,
    runningAs: context.extension.extensionKind === vscode.ExtensionKind.Workspace ? 'workspace' : 'ui',
    seam: process.env[RemoteWindowSeamVariable],
  });
}

/** True in a Remote-SSH window, on either side of it. */
export function inSshRemoteWindow(context: vscode.ExtensionContext): boolean {
  return windowKind(context).remoteName === 'ssh-remote';
}
