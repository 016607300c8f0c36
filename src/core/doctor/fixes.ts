import type { FailureCode } from './failureCodes';
import type { DoctorPath } from './checks/types';
import { agentStartInstructions, addKeyInstruction } from '../ssh/agent';

/** What a fix may mention; all optional because a check knows only what it has seen. */
export interface FixContext {
  readonly target: string;
  readonly configFile?: string;
  readonly path: DoctorPath;
  readonly platform: NodeJS.Platform;
  readonly remoteUser?: string;
  readonly hostname?: string;
  readonly port?: number;
  readonly knownHostsName?: string;
  readonly knownHostsFile?: string;
  readonly offeredFingerprint?: string;
  /** The private key ssh would use (from `ssh -G`); its .pub is what the host must authorize. */
  readonly identityFile?: string;
  /** The target is an alias from the ssh config (not user@host:port), so it may have a HostName line. */
  readonly targetIsAlias?: boolean;
  /** The user's control socket for the host (ControlPath from `ssh -G`). */
  readonly controlPath?: string;
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./~-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function configFlag(context: FixContext): string {
  return context.configFile !== undefined ? ` --config ${shellQuote(context.configFile)}` : '';
}

function sshCopyIdCommand(context: FixContext): string {
  const key = context.identityFile !== undefined ? `${context.identityFile}.pub` : '~/.ssh/id_ed25519.pub';
  const port = context.port !== undefined && context.port !== 22 ? ` -p ${context.port}` : '';
  const who = `${context.remoteUser !== undefined && context.remoteUser !== '' ? `${context.remoteUser}@` : ''}${context.hostname ?? context.target}`;
  return `ssh-copy-id -i ${shellQuote(key)}${port} ${who}`;
}

/** The exact next action for each failure code, naming real commands. */
export function fixFor(code: FailureCode, context: FixContext): string {
  const user = context.remoteUser !== undefined && context.remoteUser !== '' ? context.remoteUser : '$USER';
  switch (code) {
    case 'ssh-missing':
      return context.platform === 'win32'
        ? 'Install the OpenSSH client: Settings > System > Optional features > Add a feature > "OpenSSH Client" (or `Add-WindowsCapability -Online -Name OpenSSH.Client~~~~0.0.1.0` in an administrator PowerShell), then restart VS Code.'
        : context.platform === 'darwin'
          ? 'macOS ships ssh in /usr/bin; make sure /usr/bin is on the PATH VS Code starts with.'
          : 'Install the OpenSSH client: `sudo apt-get install openssh-client` (Debian/Ubuntu) or `sudo dnf install openssh-clients` (Fedora/RHEL).';
    case 'agent-not-running':
      return agentStartInstructions(context.platform);
    case 'agent-no-identities':
      return context.identityFile !== undefined
        ? `Load your key into the agent: \`${addKeyInstruction(context.platform, context.identityFile)}\`. No key yet? \`ssh-keygen -t ed25519 -f ${shellQuote(context.identityFile)}\` first.`
        : `Create a key if you have none (\`ssh-keygen -t ed25519\`), then load it: \`${addKeyInstruction(context.platform, '~/.ssh/id_ed25519')}\`.`;
    case 'host-key-unknown':
      return `Compare the fingerprint ${context.offeredFingerprint ?? '(see above)'} with the one the host's administrator sees (\`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\` on the host). If they match: \`remote-docker-ssh trust-host ${context.target} --fingerprint ${context.offeredFingerprint ?? 'SHA256:…'}${configFlag(context)}\`.`;
    case 'host-key-changed':
      return `Security warning: do not connect. The host now offers ${context.offeredFingerprint ?? 'a different key'}, which is not the key in ${context.knownHostsFile ?? 'known_hosts'}. Ask the host's administrator whether the server was reinstalled or its key replaced. Only if they confirm the new fingerprint: \`ssh-keygen -R ${shellQuote(context.knownHostsName ?? context.target)}${context.knownHostsFile !== undefined ? ` -f ${shellQuote(context.knownHostsFile)}` : ''}\`, then \`remote-docker-ssh trust-host ${context.target} --fingerprint ${context.offeredFingerprint ?? 'SHA256:…'}${configFlag(context)}\`. This is never fixed automatically.`;
    case 'host-key-revoked':
      return `Security warning: do not connect. The host offers ${context.offeredFingerprint ?? 'a key'}, which ${context.knownHostsFile ?? 'known_hosts'} marks as @revoked: that key was withdrawn, possibly because it was stolen. Tell the host's administrator; only they can give the host a new key. Do not remove the @revoked line and do not trust this key. This is never fixed automatically.`;
    case 'dns-unknown-host':
      return context.targetIsAlias === false
        ? `The name ${context.hostname ?? context.target} does not resolve. Check its spelling, or use the host's IP address.`
        : `The name ${context.hostname ?? context.target} does not resolve. Check its spelling and the HostName line for "${context.target}" in ${context.configFile ?? '~/.ssh/config'}, or use the host's IP address.`;
    case 'key-not-loaded':
      return `The host accepts ${context.identityFile ?? 'your key'}, but ssh cannot use it without a prompt (it has a passphrase and is not in the agent). Load it once: \`${addKeyInstruction(context.platform, context.identityFile ?? '~/.ssh/id_ed25519')}\`.`;
    case 'agent-not-responding':
      return 'The agent at SSH_AUTH_SOCK (or the config\'s IdentityAgent) accepts connections but never answers, so every ssh that asks it hangs. Restart it (unlock 1Password/Secretive, or `gpgconf --kill gpg-agent`, or start a new `ssh-agent`), then check again.';
    case 'ssh-config-remote-command':
      return `The ssh config sets RemoteCommand for ${context.target}, which ssh refuses together with the command the checks (and Remote-SSH, and docker) run. Move RemoteCommand (and RequestTTY) into a separate Host alias used only for interactive logins, in ${context.configFile ?? '~/.ssh/config'}.`;
    case 'connection-refused':
      return `Nothing accepts SSH at ${context.hostname ?? context.target} port ${context.port ?? 22}. On the host: \`sudo systemctl enable --now ssh\` (sshd on Fedora/RHEL); check the Port in ${context.configFile ?? '~/.ssh/config'} and the host's firewall.`;
    case 'connect-timeout':
      return `No SSH answer from ${context.hostname ?? context.target} port ${context.port ?? 22} in time. Check that the host is up, that the port is its SSH port (not another service), and that no firewall or VPN drops the traffic; a slow link may need a longer --timeout.`;
    case 'auth-publickey-denied':
      return `The host does not accept your key for ${user}. Authorize it once: \`${sshCopyIdCommand(context)}\` (asks for the password), or append the .pub file's line to ~${user}/.ssh/authorized_keys on the host (mode 600, ~/.ssh mode 700). Check also that the User in ${context.configFile ?? '~/.ssh/config'} is right.`;
    case 'remote-docker-missing':
      return `No \`docker\` on the PATH of a non-interactive SSH session on the host. Install Docker Engine there (\`curl -fsSL https://get.docker.com | sudo sh\`, or \`sudo apt-get install docker.io\`); if it is installed in an unusual folder, make that folder part of the PATH for non-interactive shells.`;
    case 'docker-socket-permission':
      return context.path === 'remote-ssh'
        ? `On the host: \`sudo usermod -aG docker ${user}\`. Then restart the VS Code server (Command Palette: "Remote-SSH: Kill VS Code Server on Host…") and reconnect: the running server keeps the groups it started with.`
        : `On the host: \`sudo usermod -aG docker ${user}\`. New SSH sessions get the group; close the shared (ControlMaster) connection, which keeps the groups it logged in with: \`ssh -O exit ${context.target}\`. The next ssh logs in again with the group.`;
    case 'docker-daemon-down':
      return 'Start the Docker Engine on the host: `sudo systemctl enable --now docker` (or `sudo service docker start` without systemd).';
    case 'local-docker-missing':
      return context.platform === 'linux'
        ? 'Install the docker CLI on this machine: `sudo apt-get install docker.io` (Debian/Ubuntu) or docker-ce-cli from Docker\'s repository; the engine itself is not needed locally.'
        : 'Install Docker Desktop (it brings the docker CLI), or just the docker CLI, and make sure `docker` is on the PATH VS Code starts with.';
    case 'ssh-master-stale':
      return `Remove the dead socket: \`rm ${shellQuote(context.controlPath ?? '<ControlPath>')}\`. The next ssh to ${context.target} opens a new shared connection; restart \`docker events\` (reload the Docker explorer) if you use it.`;
    case 'ssh-master-hung':
      return `End the stuck master: \`ss -xlp | grep -F ${shellQuote(context.controlPath ?? '<ControlPath>')}\` shows its pid; \`kill -9 PID\` (a stopped process ignores a plain kill until it runs again), then \`rm ${shellQuote(context.controlPath ?? '<ControlPath>')}\`. ServerAliveInterval (see remote-docker-ssh hosts reuse) makes a master whose server stops answering end by itself.`;
    case 'bad-target':
      return 'Use an alias from your ssh config or [user@]host[:port], without spaces, quotes or a leading "-".';
  }
}
