import { diagnoseDocker, firstErrorLine } from '../diagnose';
import { type DoctorFacts, type EarlierResults, type Verdict, pass, skip, blockedBy } from './facts';
import { remoteFailure, remoteWarning } from './remoteFailure';
import { dataRootNearlyFull, formatKiB } from '../dataRootSpace';
import { sessionFailure } from './sessionFailure';
import { podmanClientVersion, podmanServesDockerApi } from './remoteDockerCliCheck';

/** `docker version` on the host as the SSH user: the engine answers on the socket that user may open. */
export function remoteDockerEngineCheck(facts: DoctorFacts, earlier: EarlierResults): Verdict {
  if (blockedBy(earlier, ['ssh-client', 'host-key', 'auth', 'remote-docker-cli'])) return skip('Skipped: needs the docker CLI on the host.');
  const fact = facts.probe!;
  const { parsed } = fact.value;
  if (!parsed.complete && parsed.engineExit === undefined) return sessionFailure(facts);
  const podman = podmanClientVersion(facts);
  if (podman !== undefined) return pass(`Podman ${podman} answers \`podman version\` on the host, as Container Tools' Podman client runs it.`, fact.ms);
  if (parsed.cliPath === undefined) return skip('Skipped: no docker CLI on the host.');
  const where = parsed.dockerHost ?? 'the default socket';
  // The CLI check let Podman through only where its API service answers (the docker-host path).
  if (podmanServesDockerApi(parsed)) return pass(`Podman ${parsed.podmanServiceVersion} serves the Docker API at ${parsed.podmanSocket}, through podman-docker's \`docker system dial-stdio\`.`, fact.ms);
  if (parsed.engineExit === 0 && parsed.serverVersion) {
    // On the Remote-SSH path the Docker extension runs inside the VS Code server, with the server's groups.
    if (facts.path === 'remote-ssh' && parsed.staleServerPids.length > 0) {
      return remoteFailure(facts, 'docker-group-not-effective', `Docker Engine ${parsed.serverVersion} answers a new SSH session, but the VS Code server on the host (PID ${parsed.staleServerPids.join(', ')}) started before ${parsed.user ?? 'the user'} joined the docker group and lacks it, and so does the Docker extension it runs.`, { staleGroupsIn: 'vscode-server', staleServerPid: parsed.staleServerPids[0] });
    }
    const space = parsed.dataRootSpace;
    if (space !== undefined && dataRootNearlyFull(space)) {
      const usedPercent = Math.round(((space.sizeKiB - space.availableKiB) / space.sizeKiB) * 100);
      return remoteWarning(facts, 'docker-data-root-full', `Docker Engine ${parsed.serverVersion} answers at ${where}, but its data root ${space.path} has only ${formatKiB(space.availableKiB)} free of ${formatKiB(space.sizeKiB)} (${usedPercent}% used${space.mountPoint !== space.path ? `, on the filesystem mounted at ${space.mountPoint}` : ''}): pulls, builds and new containers will fail with "no space left on device".`, { dataRoot: space.path });
    }
    return pass(`Docker Engine ${parsed.serverVersion} answers at ${where}.`, fact.ms);
  }
  const code = diagnoseDocker({ exitCode: parsed.engineExit, stderr: parsed.engineOutput });
  const line = firstErrorLine(parsed.engineOutput) || `docker version exited with ${parsed.engineExit}`;
  const user = parsed.user ?? 'The SSH user';
  const socket = parsed.socket;
  // A rootless engine the session does not point at: the default socket is missing or not the user's.
  if ((code === 'docker-daemon-down' || code === 'docker-socket-permission') && parsed.rootlessSocket !== undefined && parsed.dockerHost !== `unix://${parsed.rootlessSocket}`) {
    return remoteFailure(facts, 'docker-rootless-not-selected', `A rootless Docker Engine socket is at ${parsed.rootlessSocket}, but the SSH session's docker uses ${where} (DOCKER_HOST ${parsed.dockerHost === undefined ? 'is not set there' : `is ${parsed.dockerHost}`}, and no docker context selects it): ${line}`, { rootlessSocket: parsed.rootlessSocket });
  }
  if (code === 'docker-socket-permission') {
    const groups = parsed.groups.length > 0 ? ` (groups: ${parsed.groups.join(' ')})` : '';
    if (socket !== undefined && socket.owner === 'root' && socket.group === 'root') {
      return remoteFailure(facts, 'docker-sudo-only', `Only root may open the Docker socket ${socket.path} (${socket.mode} root:root), so docker works there only with sudo; ${user}${groups} cannot: ${line}`, { socketPath: socket.path });
    }
    const socketGroup = socket?.group ?? 'docker';
    if (parsed.user !== undefined && parsed.dockerGroupMembers?.includes(parsed.user) && !parsed.groups.includes(socketGroup)) {
      return remoteFailure(facts, 'docker-group-not-effective', `/etc/group lists ${parsed.user} in docker, but a new SSH session's groups${groups} lack it: the host's group lookup (an nscd or sssd cache) does not give it yet.`, { socketPath: socket?.path });
    }
    return remoteFailure(facts, code, `${user}${groups} may not open the Docker socket at ${where}${socket !== undefined ? ` (${socket.mode} ${socket.owner}:${socket.group})` : ''}: ${line}`, { socketPath: socket?.path });
  }
  if (code === 'docker-daemon-down') return remoteFailure(facts, code, `The Docker Engine does not answer at ${where}: ${line}`);
  if (code !== undefined) return remoteFailure(facts, code, `docker version failed on the host: ${line}`);
  return { status: 'fail', message: `docker version failed on the host: ${line}`, durationMs: Math.round(fact.ms) };
}
