import * as vscode from 'vscode';
import { isBadInput } from '../../core/errors';
import { log } from '../log';
import { refreshSteps } from '../walkthrough/stepState';
import { addHost } from './addHost';
import { addKeyToAgent } from './addKeyToAgent';
import { checkSetup } from './checkSetup';
import { chooseSetupPath } from './chooseSetupPath';
import { CommandIds, type CommandId } from '../commandIds';
import { configureDockerHost } from './configureDockerHost';
import { connect } from './connect';
import { copyKeyToHost } from './copyKeyToHost';
import { generateKey } from './generateKey';
import { installDockerOnRemote } from './installDockerOnRemote';
import { installRemoteSsh } from './installRemoteSsh';
import { openWalkthrough } from './openWalkthrough';
import { showLog } from './showLog';
import { startAgent } from './startAgent';
import { trustHost } from './trustHost';
import { connectAndInstall } from './connectAndInstall';
import { addRecommendations } from './addRecommendations';
import { addDockerHost } from './addDockerHost';
import { filterDockerHosts } from './filterDockerHosts';
import { refreshDockerHosts } from './refreshDockerHosts';
import { setUpHost } from './setUpHost';
import { checkHost } from './checkHost';
import { useHostForWorkspace } from './useHostForWorkspace';
import { useHostEverywhere } from './useHostEverywhere';
import { openHostWithRemoteSsh } from './openHostWithRemoteSsh';
import { makeHostFast } from './makeHostFast';
import { createHostDockerContext } from './createHostDockerContext';
import { copyDockerHost } from './copyDockerHost';
import { removeHostAdditions } from './removeHostAdditions';
import { switchEngine } from './switchEngine';
import { makeDockerFast } from './makeDockerFast';
import { undoMakeDockerFast } from './undoMakeDockerFast';
import { closeSharedConnection } from './closeSharedConnection';
import { useRootlessDockerOnHost } from './useRootlessDockerOnHost';

// One row per command: the table is the only place that ties an id to its function.
const commandTable: Record<CommandId, (...args: never[]) => unknown> = {
  [CommandIds.openWalkthrough]: openWalkthrough,
  [CommandIds.chooseSetupPath]: chooseSetupPath,
  [CommandIds.installRemoteSsh]: installRemoteSsh,
  [CommandIds.addHost]: addHost,
  [CommandIds.generateKey]: generateKey,
  [CommandIds.startAgent]: startAgent,
  [CommandIds.addKeyToAgent]: addKeyToAgent,
  [CommandIds.copyKeyToHost]: copyKeyToHost,
  [CommandIds.trustHost]: trustHost,
  [CommandIds.connect]: connect,
  [CommandIds.installDockerOnRemote]: installDockerOnRemote,
  [CommandIds.configureDockerHost]: configureDockerHost,
  [CommandIds.checkSetup]: checkSetup,
  [CommandIds.showLog]: showLog,
  [CommandIds.connectAndInstall]: connectAndInstall,
  [CommandIds.addRecommendations]: addRecommendations,
  [CommandIds.addDockerHost]: addDockerHost,
  [CommandIds.filterDockerHosts]: filterDockerHosts,
  [CommandIds.refreshDockerHosts]: refreshDockerHosts,
  [CommandIds.setUpHost]: setUpHost,
  [CommandIds.checkHost]: checkHost,
  [CommandIds.useHostForWorkspace]: useHostForWorkspace,
  [CommandIds.useHostEverywhere]: useHostEverywhere,
  [CommandIds.openHostWithRemoteSsh]: openHostWithRemoteSsh,
  [CommandIds.makeHostFast]: makeHostFast,
  [CommandIds.createHostDockerContext]: createHostDockerContext,
  [CommandIds.copyDockerHost]: copyDockerHost,
  [CommandIds.removeHostAdditions]: removeHostAdditions,
  [CommandIds.switchEngine]: switchEngine,
  [CommandIds.makeDockerFast]: makeDockerFast,
  [CommandIds.undoMakeDockerFast]: undoMakeDockerFast,
  [CommandIds.closeSharedConnection]: closeSharedConnection,
  [CommandIds.useRootlessDockerOnHost]: useRootlessDockerOnHost,
};

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
  for (const [id, handler] of Object.entries(commandTable)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await (handler as (...a: unknown[]) => unknown)(...args);
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
