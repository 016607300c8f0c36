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
  /** The remote docker CLI: where a login shell (or a usual folder) has it, or where the session found it, and its version. */
  readonly remoteDockerPath?: string;
  readonly remoteDockerVersion?: string;
  /** A folder on the non-interactive PATH for a symlink to docker; sudo when the user may not write it. */
  readonly linkDir?: string;
  readonly linkNeedsSudo?: boolean;
  /** The engine socket the session tried, and a rootless engine's socket. */
  readonly socketPath?: string;
  readonly rootlessSocket?: string;
  /** What keeps the groups from before the user joined docker: a shared ssh connection, the VS Code server, or (default) the host's group lookup. */
  readonly staleGroupsIn?: 'shared-connection' | 'vscode-server';
  /** A VS Code server process on the host that lacks the docker group. */
  readonly staleServerPid?: number;
  /** The engine's data root on the host (`docker info`'s DockerRootDir). */
  readonly dataRoot?: string;
  /** The user's control socket for the host (ControlPath from `ssh -G`). */
  readonly controlPath?: string;
}

/** The minimum docker CLI with `docker system dial-stdio`, which every ssh:// DOCKER_HOST runs on the host. */
export const dialStdioMinimumVersion = '18.09';

function shellQuote(value: string): string {
  return /^[\w@%+=:,./~-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function configFlag(context: FixContext): string {
  return context.configFile !== undefined ? ` --config ${shellQuote(context.configFile)}` : '';
}

/** The same file for plain ssh. */
function sshConfigFlag(context: FixContext): string {
  return context.configFile !== undefined ? ` -F ${shellQuote(context.configFile)}` : '';
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
    case 'auth-too-many-keys':
      return `ssh offered more keys than the host allows (sshd's MaxAuthTries, 6 by default) before the right one: it tries every key in the agent first. In the \`Host ${context.targetIsAlias === false ? (context.hostname ?? context.target) : context.target}\` block of ${context.configFile ?? '~/.ssh/config'}, add \`IdentitiesOnly yes\` and \`IdentityFile ${context.identityFile !== undefined ? shellQuote(context.identityFile) : '~/.ssh/KEY'}\`${context.identityFile !== undefined ? '' : ' (the key the host authorizes)'}; ssh then offers only that key (from the agent or the file).`;
    case 'key-not-loaded':
      return `The host accepts ${context.identityFile ?? 'your key'}, but ssh cannot use it without a prompt (it has a passphrase and is not in the agent). Load it once: \`${addKeyInstruction(context.platform, context.identityFile ?? '~/.ssh/id_ed25519')}\`.`;
    case 'key-needs-agent': {
      const key = context.identityFile ?? '~/.ssh/id_ed25519';
      const where = context.configFile ?? '~/.ssh/config (or /etc/ssh/ssh_config)';
      return `ssh never asks an agent for ${context.target}: the line \`IdentityAgent none\` that applies to it in ${where} turns the agent off, so \`ssh-add\` alone changes nothing. Either let ssh use your agent: change that line to \`IdentityAgent SSH_AUTH_SOCK\` (or remove it), then load the key once: \`${addKeyInstruction(context.platform, shellQuote(key))}\`. Or name a key file without a passphrase in \`IdentityFile\` for that host (one made for this, e.g. \`ssh-keygen -t ed25519 -N '' -f ~/.ssh/id_docker\`, authorized on the host), which ssh can use with no agent.`;
    }
    case 'agent-not-responding':
      return 'The agent at SSH_AUTH_SOCK (or the config\'s IdentityAgent) accepts connections but never answers, so every ssh that asks it hangs. Restart it (unlock 1Password/Secretive, or `gpgconf --kill gpg-agent`, or start a new `ssh-agent`), then check again.';
    case 'session-hangs-after-login':
      return `The host accepts the login, but the session then hangs before it runs any command, so every non-interactive ssh (the checks, Remote-SSH, docker) hangs too. On the host, look for what runs at login and waits: a \`ForceCommand\` in /etc/ssh/sshd_config, or a ~/.bashrc, ~/.profile or /etc/profile.d script of ${user} that reads input or starts a program (tmux, a menu) when there is no terminal. Test with \`ssh ${shellQuote(context.target)} true\`: it must return at once.`;
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
    case 'docker-login-path-only': {
      const found = context.remoteDockerPath ?? '/path/to/docker';
      const sessionPath = shellQuote(`${found.replace(/\/docker$/, '')}:/usr/local/bin:/usr/bin:/bin`);
      const sudo = context.linkDir === undefined || context.linkNeedsSudo ? 'sudo ' : '';
      const link = `\`${sudo}ln -s ${shellQuote(found)} ${shellQuote(`${context.linkDir ?? '/usr/local/bin'}/docker`)}\``;
      return `The login shell finds docker at ${found}, but \`ssh HOST docker system dial-stdio\` (what Docker over SSH and the VS Code server run) gets no login files. On the host, link it into a folder on the non-interactive PATH: ${link}. Or, where sshd allows it, set the PATH for ssh sessions: \`SetEnv PATH=${sessionPath}\` in a Match User block of the host's sshd_config, or the line \`PATH=${sessionPath}\` in ~/.ssh/environment (needs \`PermitUserEnvironment yes\` there).`;
    }
    case 'docker-is-podman':
      return context.path === 'remote-ssh'
        ? 'The host has Podman, not Docker. In the Remote-SSH window, install Container Tools (ms-azuretools.vscode-containers) on the host and set `"containers.containerClient": "com.microsoft.visualstudio.containers.podman"` in the remote settings; or install Docker Engine on the host.'
        : `The host has Podman, not Docker Engine: Podman serves the Docker API only from its own socket service, and a DOCKER_HOST of ssh://… (\`docker system dial-stdio\` on the host) reaches nothing while that is not running. On the host: \`systemctl --user enable --now podman.socket\` (and \`sudo loginctl enable-linger ${user}\`); here: \`podman system connection add ${context.target} ssh://${user}@${context.hostname ?? context.target}${context.port !== undefined && context.port !== 22 ? `:${context.port}` : ''}/run/user/$(ssh${sshConfigFlag(context)} ${context.target} id -u)/podman/podman.sock\` (podman's own ssh reads no ssh config, hence the host, port and user spelled out) and use Container Tools with \`"containers.containerClient": "com.microsoft.visualstudio.containers.podman"\`. Or install Docker Engine on the host.`;
    case 'docker-cli-too-old':
      return `The docker CLI at ${context.remoteDockerPath ?? 'the host'} is ${context.remoteDockerVersion ?? 'too old'}; \`docker system dial-stdio\`, which Docker over SSH runs on the host, came with ${dialStdioMinimumVersion}. Install a current docker CLI on the host (\`sudo apt-get install docker.io\`, or docker-ce-cli from Docker's repository) so that it is the first \`docker\` on the non-interactive PATH.`;
    case 'remote-shell-unsupported':
      return 'Docker over SSH needs a host that runs POSIX commands (`/bin/sh`, then `docker system dial-stdio`): a Linux host, or macOS. A Windows OpenSSH server runs cmd.exe or PowerShell instead; connect to a Linux machine or a WSL distribution that runs its own sshd and Docker Engine. If the host is Linux, make its login shell one that can run `/bin/sh -c …` (`chsh -s /bin/bash`).';
    case 'docker-group-not-effective':
      if (context.staleGroupsIn === 'shared-connection') {
        return `${user} is in the docker group now, but your ssh config shares one connection (ControlMaster/ControlPath), and the one open logged in before that change, so every ssh through it keeps the old groups. Close it: \`ssh${sshConfigFlag(context)} -O exit ${context.target}\`; the next ssh logs in again with the new groups.`;
      }
      if (context.staleGroupsIn === 'vscode-server') {
        return `${user} is in the docker group now, but the VS Code server on the host started before that change and keeps the old groups, and so does the Docker extension it runs. Restart it: Command Palette: "Remote-SSH: Kill VS Code Server on Host…", then reconnect.`;
      }
      return `${user} is listed in the docker group, but a new login does not get it: the host's group lookup still has the old answer. On the host: \`sudo nscd -i group\` (nscd) or \`sudo sss_cache -E\` (sssd), then log in again.`;
    case 'docker-sudo-only':
      return `Only root may open ${context.socketPath ?? 'the Docker socket'}, so docker works there only with sudo, and neither DOCKER_HOST nor the VS Code server can use sudo (never put sudo in DOCKER_HOST). On the host, give the socket the docker group: \`sudo groupadd -f docker\`, set \`"group": "docker"\` in /etc/docker/daemon.json (or start dockerd with \`-G docker\`), \`sudo systemctl restart docker\`, then \`sudo usermod -aG docker ${user}\` and log in again.`;
    case 'docker-rootless-not-selected': {
      const socket = context.rootlessSocket ?? '$XDG_RUNTIME_DIR/docker.sock';
      return `A rootless Docker Engine answers at ${socket}, but ssh sessions do not point docker at it (DOCKER_HOST is set only in the login shell, if at all). On the host, select it for every session, which \`docker system dial-stdio\` honours: \`docker context create rootless --docker host=unix://${socket}\` (dockerd-rootless-setuptool.sh install may have made it already), then \`docker context use rootless\`.`;
    }
    case 'docker-data-root-full': {
      const root = context.dataRoot ?? '/var/lib/docker';
      return `On the host, see what takes the space: \`docker system df\` (images, containers, volumes, build cache) and \`sudo du -sh ${shellQuote(root)}\`. Free it: \`docker system prune\` removes stopped containers, unused networks, dangling images and build cache (add \`-a\` for every image no container uses, \`--volumes\` for unused volumes: both delete data). Or move the data root to a bigger disk: \`"data-root": "/new/path"\` in /etc/docker/daemon.json (~/.config/docker/daemon.json for rootless Docker), then \`sudo systemctl restart docker\`.`;
    }
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

/** `ssh [-F FILE] -T TARGET 'COMMAND'`: the same non-interactive session the checks ran, for the user to run. */
function sshSeeing(context: FixContext, remoteCommand: string): string {
  return `ssh${sshConfigFlag(context)} -T ${shellQuote(context.target)} ${shellQuote(remoteCommand)}`;
}

/** The command that shows a remote failure to the user, as the session saw it; undefined for local failures. */
export function seeCommandFor(code: FailureCode, context: FixContext): string | undefined {
  switch (code) {
    case 'remote-docker-missing':
    case 'docker-login-path-only':
      return sshSeeing(context, 'command -v docker || echo "no docker on PATH=$PATH"');
    case 'docker-is-podman':
    case 'docker-cli-too-old':
      return sshSeeing(context, 'docker --version');
    case 'remote-shell-unsupported':
      return sshSeeing(context, '/bin/sh -c "uname -s"');
    case 'docker-group-not-effective':
      if (context.staleServerPid !== undefined) return sshSeeing(context, `grep ^Groups: /proc/${context.staleServerPid}/status; grep ^docker: /etc/group`);
      return sshSeeing(context, 'id -nG; grep ^docker: /etc/group; docker version');
    case 'docker-socket-permission':
      return sshSeeing(context, 'id -nG; grep ^docker: /etc/group; docker version');
    case 'docker-sudo-only':
      return sshSeeing(context, `ls -l ${context.socketPath ?? '/var/run/docker.sock'}; docker version`);
    case 'docker-rootless-not-selected':
      return sshSeeing(context, 'docker context ls; echo "DOCKER_HOST=$DOCKER_HOST"');
    case 'docker-daemon-down':
      return sshSeeing(context, 'docker version');
    case 'docker-data-root-full':
      return sshSeeing(context, `df -h ${shellQuote(context.dataRoot ?? '/var/lib/docker')}; docker system df`);
    default:
      return undefined;
  }
}
