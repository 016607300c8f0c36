import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { DockerSettingKeys } from '../docker/dockerSettings';
import { currentEngine, engineSourceLabel } from '../hosts/engineInUse';
import { log } from '../log';

/**
 * The engine this window's Docker uses and where that choice comes from (workspace, user, docker
 * context, environment). A click opens the quick pick that switches it.
 */
export function startEngineStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('remoteDockerSsh.engine', vscode.StatusBarAlignment.Left, 9);
  item.name = vscode.l10n.t('Docker engine of this window');
  item.command = CommandIds.switchEngine;
  let generation = 0;
  const render = async () => {
    const mine = ++generation;
    const engine = await currentEngine().catch((error: unknown) => {
      log().warn(`Engine in use: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    if (mine !== generation) {
      return;
    }
    if (!engine) {
      item.text = `$(server-environment) ${vscode.l10n.t('local engine')}`;
      item.tooltip = vscode.l10n.t('Docker uses the local engine. Click to use a remote host.');
    } else {
      const from = engineSourceLabel(engine.source, engine.contextName);
      item.text = `$(server-environment) ${engine.dockerHost} (${from})`;
      item.tooltip = vscode.l10n.t('Docker in this window uses {0}, from {1}. Click to switch.', engine.dockerHost, from);
    }
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (DockerSettingKeys.some((key) => event.affectsConfiguration(key))) {
        void render();
      }
    }),
    vscode.extensions.onDidChange(() => void render()),
    vscode.window.onDidChangeWindowState((state) => {
      // The docker context may have been switched in a terminal.
      if (state.focused) {
        void render();
      }
    }),
  );
  // After activation: the first render may run `docker context ls`.
  setTimeout(() => void render(), 0);
}

