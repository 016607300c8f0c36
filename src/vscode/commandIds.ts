/** Every command id the extension contributes, in one place. package.json must list the same ids. */
export const CommandIds = {
  openWalkthrough: 'remoteDockerSsh.openWalkthrough',
  chooseSetupPath: 'remoteDockerSsh.chooseSetupPath',
  installRemoteSsh: 'remoteDockerSsh.installRemoteSsh',
  addHost: 'remoteDockerSsh.addHost',
  generateKey: 'remoteDockerSsh.generateKey',
  startAgent: 'remoteDockerSsh.startAgent',
  addKeyToAgent: 'remoteDockerSsh.addKeyToAgent',
  copyKeyToHost: 'remoteDockerSsh.copyKeyToHost',
  trustHost: 'remoteDockerSsh.trustHost',
  connect: 'remoteDockerSsh.connect',
  installDockerOnRemote: 'remoteDockerSsh.installDockerOnRemote',
  configureDockerHost: 'remoteDockerSsh.configureDockerHost',
  checkSetup: 'remoteDockerSsh.checkSetup',
  showLog: 'remoteDockerSsh.showLog',
  connectAndInstall: 'remoteDockerSsh.connectAndInstall',
  addRecommendations: 'remoteDockerSsh.addRecommendations',
  addDockerHost: 'remoteDockerSsh.addDockerHost',
  filterDockerHosts: 'remoteDockerSsh.filterDockerHosts',
  refreshDockerHosts: 'remoteDockerSsh.refreshDockerHosts',
  setUpHost: 'remoteDockerSsh.setUpHost',
  checkHost: 'remoteDockerSsh.checkHost',
  useHostForWorkspace: 'remoteDockerSsh.useHostForWorkspace',
  useHostEverywhere: 'remoteDockerSsh.useHostEverywhere',
  openHostWithRemoteSsh: 'remoteDockerSsh.openHostWithRemoteSsh',
  makeHostFast: 'remoteDockerSsh.makeHostFast',
  createHostDockerContext: 'remoteDockerSsh.createHostDockerContext',
  copyDockerHost: 'remoteDockerSsh.copyDockerHost',
  removeHostAdditions: 'remoteDockerSsh.removeHostAdditions',
  switchEngine: 'remoteDockerSsh.switchEngine',
  makeDockerFast: 'remoteDockerSsh.makeDockerFast',
  undoMakeDockerFast: 'remoteDockerSsh.undoMakeDockerFast',
  closeSharedConnection: 'remoteDockerSsh.closeSharedConnection',
  useRootlessDockerOnHost: 'remoteDockerSsh.useRootlessDockerOnHost',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** `<publisher>.<name>#<walkthroughId>`, as `workbench.action.openWalkthrough` expects it. */
export const WalkthroughId = 'remote-docker-ssh.remote-docker-ssh#remoteDockerSsh.setup';
