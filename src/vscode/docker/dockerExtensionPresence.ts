import * as vscode from 'vscode';
import { installExtensionShowingFailure } from '../ui/installExtension';
import { ContainerToolsId, LegacyDockerId } from '../../core/docker/remoteDockerExtension';
import type { DockerExtensionPresence } from '../../core/remote/remoteFollowThrough';
import { windowKind } from '../remote/windowKind';

/**
 * True when this extension host is the SSH host's: `getExtension` then sees exactly the
 * extensions installed on the host. On the UI side it sees only local ones.
 */
export function runsOnRemoteHost(context: vscode.ExtensionContext): boolean {
  return windowKind(context).onRemoteHost;
}

export function dockerExtensionPresence(context: vscode.ExtensionContext): DockerExtensionPresence {
  if (!runsOnRemoteHost(context)) {
    return 'unknown';
  }
  return installedDockerExtensionId(context) !== undefined ? 'installed' : 'missing';
}

/** The Docker extension this (remote) extension host sees, Container Tools first; undefined on the UI side. */
export function installedDockerExtensionId(context: vscode.ExtensionContext): string | undefined {
  if (!runsOnRemoteHost(context)) {
    return undefined;
  }
  return [ContainerToolsId, LegacyDockerId].find((id) => vscode.extensions.getExtension(id) !== undefined);
}

/** Installs an extension where the workbench puts it: for a workspace-kind extension in an SSH window, on the host. */
export async function installExtensionOnHost(context: vscode.ExtensionContext, id: string, waitMs = 30_000): Promise<DockerExtensionPresence> {
  if (!(await installExtensionShowingFailure(id, runsOnRemoteHost(context) ? vscode.l10n.t('the SSH host') : undefined))) {
    return dockerExtensionPresence(context);
  }
  if (!runsOnRemoteHost(context)) {
    return 'unknown';
  }
  // The new extension reaches this host's registry a moment after the command returns.
  return new Promise((resolve) => {
    if (dockerExtensionPresence(context) === 'installed') {
      resolve('installed');
      return;
    }
    const timer = setTimeout(() => {
      listener.dispose();
      resolve(dockerExtensionPresence(context));
    }, waitMs);
    const listener = vscode.extensions.onDidChange(() => {
      if (dockerExtensionPresence(context) === 'installed') {
        clearTimeout(timer);
        listener.dispose();
        resolve('installed');
      }
    });
  });
}
