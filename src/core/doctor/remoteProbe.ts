import { parseDfLine, type DataRootSpace } from './dataRootSpace';

/** A Podman service that has not answered `podman --remote version` by then is hung (socket activation takes about a second). */
const podmanServiceAnswerSeconds = 4;

/**
 * Everything the remote checks need, gathered in ONE ssh session: the script goes to `/bin/sh -s` on
 * stdin (works whatever the login shell and PATH are, and no quoting of a command line), prints marker
 * lines, and the doctor parses them. One handshake instead of one per check.
 */
// On the healthy path, besides `docker version` and shell builtins (sshd sets LOGNAME, SHELL and PATH),
// only `docker info` and `df`: the engine's data root and the space left under it (an engine that
// answers but cannot pull or run). They run beside `docker version`, not after it, so the two CLI
// starts overlap; one printf keeps their two lines together. A local engine only (no DOCKER_HOST, or a
// unix socket): `df` sees this machine's disks. The script also reads /etc/group and the user's own
// /proc entries, to find a VS Code server that started before the user joined the docker group (it
// and the Docker extension in it keep the old groups). What runs when docker is missing or fails
// (id, uname, ls, the login shell) explains the failure; each process there costs only a broken host.
// Where podman is on the PATH (podman-docker's shim makes `docker` Podman), `podman --remote version`
// asks whether the user's Podman API service answers, which `docker system dial-stdio` (podman's)
// forwards to; `podman --remote` picks the address dial-stdio does, and `test -S` on podman.socket's
// socket first keeps it off hosts without one (only under XDG_RUNTIME_DIR, which pam_systemd sets
// wherever a podman.socket user unit can run: no `id -u` on a healthy host that merely has podman).
// A socket that accepts and never answers (a hung service) would hold `podman --remote` until the
// doctor's whole time limit: a guard in the background kills it after podmanServiceAnswerSeconds
// (plain sh, `sleep` and `kill`: coreutils' `timeout` is not on every host), and is killed in turn
// once podman ends; its fds are /dev/null, so a `sleep` it leaves holds no session open.
// Without docker, `podman version` (what Container Tools' Podman client runs) costs only such hosts.
// The login shell runs with stdin from /dev/null and no tty, so nothing it sources can prompt; `-i`
// too, because Debian's .bashrc returns early without it.
export const remoteProbeScript = `
echo "rds-probe:start"
echo "rds-probe:user:\${LOGNAME:-\${USER:-}}"
echo "rds-probe:docker-host:\${DOCKER_HOST:-}"
echo "rds-probe:shell:\${SHELL:-}"
echo "rds-probe:path:\${PATH:-}"
if docker_path=$(command -v docker 2>/dev/null); then
  echo "rds-probe:cli:$docker_path"
  case "\${DOCKER_HOST:-}" in
    ''|unix://*)
      {
        data_root=$(docker info --format '{{.DockerRootDir}}' 2>/dev/null)
        if [ -n "$data_root" ] && [ -d "$data_root" ]; then
          df -Pk "$data_root" 2>/dev/null | { read -r df_header; read -r df_line && printf 'rds-probe:data-root:%s\\nrds-probe:data-root-df:%s\\n' "$data_root" "$df_line"; }
        fi
      } </dev/null &
      ;;
  esac
  echo "rds-probe:engine-begin"
  docker version --format 'rds-probe:versions:{{.Client.Version}}|{{if .Server}}{{.Server.Version}}{{end}}' 2>&1
  engine_exit=$?
  echo "rds-probe:engine-exit:$engine_exit"
  if podman_path=$(command -v podman 2>/dev/null); then
    echo "rds-probe:podman:$podman_path"
    podman_socket=\${XDG_RUNTIME_DIR:-}/podman/podman.sock
    if [ -n "\${XDG_RUNTIME_DIR:-}" ] && [ -S "$podman_socket" ]; then
      echo "rds-probe:podman-socket:$podman_socket"
      podman --remote version --format 'rds-probe:podman-service:{{.Server.Version}}' </dev/null 2>/dev/null &
      podman_pid=$!
      { sleep ${podmanServiceAnswerSeconds}; kill "$podman_pid"; } </dev/null >/dev/null 2>&1 &
      podman_guard=$!
      wait "$podman_pid"
      kill "$podman_guard" 2>/dev/null
    fi
  fi
  if [ "$engine_exit" -ne 0 ]; then
    echo "rds-probe:groups:$(id -Gn 2>/dev/null)"
    while IFS=: read -r group_name group_password group_id group_members; do
      if [ "$group_name" = docker ]; then echo "rds-probe:docker-group-members:$group_members"; fi
    done </etc/group
    case "\${DOCKER_HOST:-}" in
      unix://*) socket=\${DOCKER_HOST#unix://} ;;
      '') socket=/var/run/docker.sock ;;
      *) socket= ;;
    esac
    if [ -n "$socket" ] && [ -S "$socket" ]; then echo "rds-probe:socket:$(ls -ldL "$socket" 2>/dev/null)"; fi
    runtime_dir=\${XDG_RUNTIME_DIR:-/run/user/$(id -u 2>/dev/null)}
    if [ -S "$runtime_dir/docker.sock" ]; then echo "rds-probe:rootless-socket:$runtime_dir/docker.sock"; fi
  else
    docker_gid=
    while IFS=: read -r group_name group_password group_id group_members; do
      if [ "$group_name" = docker ]; then docker_gid=$group_id; fi
    done </etc/group
    if [ -n "$docker_gid" ]; then
      for proc_dir in /proc/[0-9]*; do
        if [ ! -O "$proc_dir" ]; then continue; fi
        command_line=
        read -r command_line <"$proc_dir/cmdline" 2>/dev/null
        case "$command_line" in *.vscode-server/*|*.vscode-server-insiders/*|*.vscodium-server/*) ;; *) continue ;; esac
        while read -r status_key status_value; do
          if [ "$status_key" = "Groups:" ]; then
            case " $status_value " in *" $docker_gid "*) ;; *) echo "rds-probe:stale-server:\${proc_dir#/proc/}" ;; esac
          fi
        done <"$proc_dir/status" 2>/dev/null
      done
    fi
  fi
else
  echo "rds-probe:cli-missing"
  if podman_path=$(command -v podman 2>/dev/null); then
    echo "rds-probe:podman:$podman_path"
    podman version --format 'rds-probe:podman-version:{{.Client.Version}}' </dev/null 2>/dev/null
  fi
  "\${SHELL:-/bin/sh}" -l -i -c 'command -v docker' </dev/null 2>/dev/null | while IFS= read -r found; do echo "rds-probe:login-docker:$found"; done
  for dir in /usr/local/bin /snap/bin /opt/homebrew/bin /home/linuxbrew/.linuxbrew/bin "\${HOME:-/nonexistent}/.local/bin" "\${HOME:-/nonexistent}/bin" /Applications/Docker.app/Contents/Resources/bin; do
    if [ -x "$dir/docker" ]; then echo "rds-probe:docker-at:$dir/docker"; fi
  done
  old_ifs=$IFS; IFS=:
  for dir in \${PATH:-}; do
    if [ -d "$dir" ] && [ -w "$dir" ]; then echo "rds-probe:writable-path-dir:$dir"; fi
  done
  IFS=$old_ifs
  echo "rds-probe:uname:$(uname -s 2>/dev/null)"
fi
wait
echo "rds-probe:end"
`;

export interface RemoteProbe {
  /** The script ran to its end (the connection and the login worked). */
  readonly complete: boolean;
  readonly started: boolean;
  readonly user?: string;
  readonly groups: string[];
  readonly dockerHost?: string;
  /** Absolute path of the remote docker CLI, when it is on the PATH of a non-interactive session. */
  readonly cliPath?: string;
  readonly clientVersion?: string;
  readonly serverVersion?: string;
  readonly engineExit?: number;
  /** What docker printed besides the version line: the engine error, when there is one. */
  readonly engineOutput: string;
  /** The login shell sshd ran (SHELL), and the PATH of the non-interactive session. */
  readonly shell?: string;
  readonly path?: string;
  /** After a failed `docker version`: the members of /etc/group's docker line (undefined: no such group). */
  readonly dockerGroupMembers?: string[];
  /** After a failed `docker version`: `ls -ldL` of the socket DOCKER_HOST (or the default) names. */
  readonly socket?: { readonly mode: string; readonly owner: string; readonly group: string; readonly path: string };
  /** After a failed `docker version`: a rootless engine's socket under XDG_RUNTIME_DIR. */
  readonly rootlessSocket?: string;
  /** podman on the session's PATH, with or without docker. */
  readonly podmanPath?: string;
  /** Without docker on the PATH: the version `podman version` reports (what Container Tools' Podman client runs). */
  readonly podmanVersion?: string;
  /** The user's Podman API socket (podman.socket's, under XDG_RUNTIME_DIR), when it exists. */
  readonly podmanSocket?: string;
  /** The version Podman's API service reports through that socket: it answers (`podman --remote version`). */
  readonly podmanServiceVersion?: string;
  /** Without docker on the PATH: docker as the login shell finds it, docker in the usual folders. */
  readonly loginDockerPath?: string;
  readonly dockerElsewhere: string[];
  /** Without docker on the PATH: the folders of that PATH the user may write to (a symlink there fixes it). */
  readonly writablePathDirs: string[];
  readonly uname?: string;
  /** After a working `docker version` of a local engine: the space left under its data root. */
  readonly dataRootSpace?: DataRootSpace;
  /** After a working `docker version`: PIDs of the user's VS Code server processes that lack the docker group. */
  readonly staleServerPids: number[];
}

export function parseRemoteProbe(stdout: string): RemoteProbe {
  const lines = stdout.split('\n');
  let started = false;
  let complete = false;
  let inEngine = false;
  const engineLines: string[] = [];
  const probe: { -readonly [K in keyof RemoteProbe]?: RemoteProbe[K] } = {};
  let groups: string[] = [];
  const dockerElsewhere: string[] = [];
  const writablePathDirs: string[] = [];
  const staleServerPids: number[] = [];
  let dataRoot: string | undefined;
  for (const line of lines) {
    const match = /^rds-probe:([a-z-]+)(?::(.*))?$/.exec(line);
    if (!match) {
      if (inEngine) engineLines.push(line);
      continue;
    }
    const [, key, value = ''] = match;
    switch (key) {
      case 'start':
        started = true;
        break;
      case 'user':
        probe.user = value || undefined;
        break;
      case 'groups':
        groups = value.split(/\s+/).filter((group) => group !== '');
        break;
      case 'docker-host':
        probe.dockerHost = value || undefined;
        break;
      case 'cli':
        probe.cliPath = value;
        break;
      case 'engine-begin':
        inEngine = true;
        break;
      case 'versions': {
        const [client, server] = value.split('|');
        probe.clientVersion = client || undefined;
        probe.serverVersion = server || undefined;
        break;
      }
      case 'engine-exit':
        inEngine = false;
        probe.engineExit = Number(value);
        break;
      case 'shell':
        probe.shell = value || undefined;
        break;
      case 'path':
        probe.path = value;
        break;
      case 'docker-group-members':
        probe.dockerGroupMembers = value.split(',').filter((member) => member !== '');
        break;
      case 'socket': {
        // "srw-rw---- 1 root docker 0 Dec  2 01:00 /var/run/docker.sock"
        const fields = value.split(/\s+/);
        if (fields.length >= 4) probe.socket = { mode: fields[0], owner: fields[2], group: fields[3], path: fields[fields.length - 1] };
        break;
      }
      case 'rootless-socket':
        probe.rootlessSocket = value;
        break;
      case 'podman':
        probe.podmanPath = value;
        break;
      case 'podman-version':
        probe.podmanVersion = value || undefined;
        break;
      case 'podman-socket':
        probe.podmanSocket = value;
        break;
      case 'podman-service':
        probe.podmanServiceVersion = value || undefined;
        break;
      case 'login-docker':
        // A login file may print banners; the path is the last absolute line.
        if (value.startsWith('/')) probe.loginDockerPath = value;
        break;
      case 'docker-at':
        dockerElsewhere.push(value);
        break;
      case 'writable-path-dir':
        writablePathDirs.push(value);
        break;
      case 'data-root':
        dataRoot = value;
        break;
      case 'data-root-df':
        if (dataRoot !== undefined) probe.dataRootSpace = parseDfLine(dataRoot, value);
        break;
      case 'stale-server':
        staleServerPids.push(Number(value));
        break;
      case 'uname':
        probe.uname = value || undefined;
        break;
      case 'end':
        complete = true;
        break;
    }
  }
  return { ...probe, started, complete, groups, dockerElsewhere, writablePathDirs, staleServerPids, engineOutput: engineLines.join('\n').trim() };
}
