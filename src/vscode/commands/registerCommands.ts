import * as vscode from 'vscode';
import { CommandIds, type CommandId } from './commandIds';
import { openWalkthrough } from './openWalkthrough';
import { showLog } from './showLog';
import { connectAndInstall } from './connectAndInstall';
import { addRecommendations } from './addRecommendations';
import { log } from '../log';

// One row per command: the table is the only place that ties an id to its function.
const commandTable: Record<CommandId, (...args: never[]) => unknown> = {
  [CommandIds.openWalkthrough]: openWalkthrough,
  [CommandIds.showLog]: showLog,
  [CommandIds.connectAndInstall]: connectAndInstall,
  [CommandIds.addRecommendations]: addRecommendations,
};

export function registerCommands(context: vscode.ExtensionContext): void {
  for (const [id, handler] of Object.entries(commandTable)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await (handler as (...a: unknown[]) => unknown)(...args);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log().error(`${id} failed: ${message}`);
          void vscode.window.showErrorMessage(vscode.l10n.t('Remote Docker: {0}', message));
          return undefined;
        }
      }),
    );
  }
}
