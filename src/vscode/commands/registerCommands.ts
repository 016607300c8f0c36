import * as vscode from 'vscode';
import { isBadInput } from '../../core/errors';
import { log } from '../log';
import { refreshSteps } from '../walkthrough/stepState';
import { CommandIds } from '../commandIds';
import { showLog } from './showLog';

type CommandTable = typeof import('./commandTable').commandTable;
let loadingTable: Promise<CommandTable> | undefined;

/**
 * The commands' code (and what only they use: the ssh config editor, the report view, jsonc-parser)
 * is a chunk of its own, loaded when the first command runs: activation and the background checks
 * never need it, so the extension host neither reads nor compiles it in a window where nobody runs
 * one of our commands.
 */
function commandTable(): Promise<CommandTable> {
  loadingTable ??= import(/* webpackChunkName: "commands" */ './commandTable').then((module) => module.commandTable);
  return loadingTable;
}

// Commands that change nothing the steps look at (checkSetup publishes its own result).
const noRecheck = new Set<string>([
  CommandIds.openWalkthrough,
  CommandIds.showLog,
  CommandIds.checkSetup,
  CommandIds.filterDockerHosts,
  CommandIds.refreshDockerHosts,
  CommandIds.checkHost,
  CommandIds.copyDockerHost,
  CommandIds.closeSharedConnection,
  CommandIds.useRootlessDockerOnHost,
]);

export function registerCommands(context: vscode.ExtensionContext): void {
  for (const id of Object.values(CommandIds)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          const handler = (await commandTable())[id] as (...a: unknown[]) => unknown;
          return await handler(...args);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log().error(`${id} failed: ${message}`);
          const showLogLabel = vscode.l10n.t('Show Log');
          void vscode.window
            .showErrorMessage(isBadInput(error) ? message : vscode.l10n.t('Remote Docker: {0}', message), showLogLabel)
            .then((choice) => (choice === showLogLabel ? showLog() : undefined));
          return undefined;
        } finally {
          if (!noRecheck.has(id)) {
            // Every command may have changed what the steps check: look again, the host included
            // (not awaited, the caller gets its result at once; the keys follow a moment later).
            void refreshSteps({ remote: 'auto' });
          }
        }
      }),
    );
  }
}
