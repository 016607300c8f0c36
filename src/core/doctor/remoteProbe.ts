/**
 * Everything the remote checks need, gathered in ONE ssh session: the script goes to `/bin/sh -s` on
 * stdin (works whatever the login shell and PATH are, and no quoting of a command line), prints marker
 * lines, and the doctor parses them. One handshake instead of one per check.
 */
// Only shell builtins on the healthy path (sshd sets LOGNAME); `id -Gn` runs only when docker
// fails, to show the groups in a socket-permission message. Each process counts in the bench.
export const remoteProbeScript = `
echo "rds-probe:start"
echo "rds-probe:user:\${LOGNAME:-\${USER:-}}"
echo "rds-probe:docker-host:\${DOCKER_HOST:-}"
if docker_path=$(command -v docker 2>/dev/null); then
  echo "rds-probe:cli:$docker_path"
  echo "rds-probe:engine-begin"
  docker version --format 'rds-probe:versions:{{.Client.Version}}|{{if .Server}}{{.Server.Version}}{{end}}' 2>&1
  engine_exit=$?
  echo "rds-probe:engine-exit:$engine_exit"
  if [ "$engine_exit" -ne 0 ]; then echo "rds-probe:groups:$(id -Gn 2>/dev/null)"; fi
else
  echo "rds-probe:cli-missing"
fi
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
}

export function parseRemoteProbe(stdout: string): RemoteProbe {
  const lines = stdout.split('\n');
  let started = false;
  let complete = false;
  let inEngine = false;
  const engineLines: string[] = [];
  const probe: { -readonly [K in keyof RemoteProbe]?: RemoteProbe[K] } = {};
  let groups: string[] = [];
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
      case 'end':
        complete = true;
        break;
    }
  }
  return { ...probe, started, complete, groups, engineOutput: engineLines.join('\n').trim() };
}
