export { addHost, backupSuffix, validateNewHost, type AddHostOptions, type AddHostResult, type NewHostSpec } from './addHost';
export { listConfiguredHosts, type ConfiguredHost, type ReadConfigOptions } from './configFiles';
export type { IncludeBase } from './includeGlob';
export { defaultSshConfigPath, defaultSshDir } from './paths';
export { resolveHost, SshConfigError, type ResolvedHost, type ResolveOptions } from './resolveHost';
