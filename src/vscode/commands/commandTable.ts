import type { CommandId } from '../commandIds';
import { CommandIds } from '../commandIds';
import { addHost } from './addHost';
import { addKeyToAgent } from './addKeyToAgent';
import { checkSetup } from './checkSetup';
import { chooseSetupPath } from './chooseSetupPath';
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
export const commandTable: Record<CommandId, (...args: never[]) => unknown> = {
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
