import type * as vscode from 'vscode';
import { runProcess } from '../../core/runner';

/** The docker context configureDockerHost created and selected, and the DOCKER_HOST it points at. */
const SelectedContextKey = 'remoteDockerSsh.selectedDockerContext';

interface SelectedContext {
  readonly name: string;
  readonly dockerHost: string;
}

export async function recordSelectedDockerContext(context: vscode.ExtensionContext, name: string, dockerHost: string): Promise<void> {
  await context.globalState.update(SelectedContextKey, { name, dockerHost } satisfies SelectedContext);
}

/**
 * The DOCKER_HOST of the context our command selected, while `docker context show` still names it
 * (the user may have switched contexts since). Without a recorded context nothing runs.
 */
export async function selectedDockerContextHost(context: vscode.ExtensionContext): Promise<string | undefined> {
  const recorded = context.globalState.get<Partial<SelectedContext>>(SelectedContextKey);
  if (typeof recorded?.name !== 'string' || typeof recorded.dockerHost !== 'string') {
    return undefined;
  }
  const shown = await runProcess('docker', ['context', 'show'], { timeoutMs: 5_000 });
  return shown.exitCode === 0 && shown.stdout.trim() === recorded.name ? recorded.dockerHost : undefined;
}
