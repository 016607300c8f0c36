import { CommandIds, type CommandId } from '../commandIds';

/**
 * The command that fixes each doctor failure code. Codes with no safe automatic fix are absent:
 * a changed host key in particular is a security error and is never "fixed" by a button.
 * No vscode import: unit-tested on plain Node.
 */
export const FixCommandByCode: Readonly<Record<string, CommandId>> = {
  'agent-not-running': CommandIds.startAgent,
  'agent-no-identities': CommandIds.addKeyToAgent,
  'key-not-loaded': CommandIds.addKeyToAgent,
  'host-key-unknown': CommandIds.trustHost,
  'dns-unknown-host': CommandIds.addHost,
  'connection-refused': CommandIds.addHost,
  'connect-timeout': CommandIds.addHost,
  'bad-target': CommandIds.addHost,
  'auth-publickey-denied': CommandIds.copyKeyToHost,
  // After `usermod -aG docker` on the host (the fix text), the shared connection must go.
  'docker-socket-permission': CommandIds.closeSharedConnection,
};

/** Every command a report may link to (the webview allows exactly these command URIs). */
export const ReportCommands: readonly CommandId[] = [...new Set([...Object.values(FixCommandByCode), CommandIds.checkSetup, CommandIds.showLog, CommandIds.configureDockerHost])];
