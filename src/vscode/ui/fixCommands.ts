import type { FailureCode } from '../../core/doctor/failureCodes';
import { CommandIds, type CommandId } from '../commandIds';

/**
 * The command that fixes each doctor failure code. Codes with no safe one-click fix are in
 * NoFixButton instead, with the reason; every code is in exactly one of the two (unit-tested), so a
 * new code cannot be forgotten. No vscode import: unit-tested on plain Node.
 */
export const FixCommandByCode: Readonly<Partial<Record<FailureCode, CommandId>>> = {
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
  // The group is there, but the shared connection logged in before it. When the VS Code server is
  // what keeps the old groups, the fix text names Remote-SSH's own command; the button says what it does.
  'docker-group-not-effective': CommandIds.closeSharedConnection,
  // -O exit cannot end a dead master; the command removes the socket it left (ssh judged it dead).
  'ssh-master-stale': CommandIds.closeSharedConnection,
  // `docker context use rootless` on the host, in a terminal (the fix text's exact commands).
  'docker-rootless-not-selected': CommandIds.useRootlessDockerOnHost,
};

/** Codes whose fix is a decision or a change only the user or the host's administrator can make. */
export const NoFixButton: Readonly<Partial<Record<FailureCode, string>>> = {
  'ssh-missing': 'installing an OS package needs an administrator and differs per OS',
  'agent-not-responding': 'which agent hangs (ssh-agent, gpg-agent, 1Password, Secretive) and how it restarts only the user knows',
  'host-key-changed': 'a security error: never fixed by a button',
  'host-key-revoked': 'a security error: never fixed by a button',
  'docker-data-root-full': 'a warning: what to delete (images, volumes, build cache) or where to move the data root is the user\'s call',
  'auth-too-many-keys': 'pinning keys for a host in the ssh config (IdentitiesOnly) changes how every ssh to it authenticates: the user edits that block',
  'key-needs-agent': 'the choice between turning the agent back on and a key without a passphrase is a security decision',
  'session-hangs-after-login': 'what waits at login (ForceCommand, a login script) is on the host and only its owner can change it',
  'ssh-config-remote-command': 'moving RemoteCommand to another alias changes the user\'s interactive logins',
  'remote-docker-missing': 'installing Docker Engine on the host needs its administrator, and the way depends on its distribution',
  'docker-login-path-only': 'where to link docker, or whether sshd may set PATH, is the host administrator\'s choice',
  'docker-is-podman': 'Podman\'s socket or Docker Engine: a choice of engine',
  'docker-cli-too-old': 'upgrading packages on the host is its administrator\'s job',
  'remote-shell-unsupported': 'another host or another login shell: a decision',
  'docker-sudo-only': 'it changes the engine\'s configuration and restarts it: the host administrator\'s job',
  'docker-daemon-down': 'starting the engine needs root on the host (sudo systemctl), and the way depends on its init system',
  'local-docker-missing': 'installing docker here (Docker Desktop or a package) is the user\'s choice',
  'ssh-master-hung': 'the stuck process is found only by its socket (ss -xlp), and a kill -9 is never done from one click',
};

/** Every command a report may link to (the webview allows exactly these command URIs). */
export const ReportCommands: readonly CommandId[] = [...new Set([...Object.values(FixCommandByCode), CommandIds.checkSetup, CommandIds.showLog, CommandIds.configureDockerHost])];
