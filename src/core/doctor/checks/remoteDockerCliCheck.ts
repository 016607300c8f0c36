import { dialStdioMinimumVersion } from '../fixes';
import type { RemoteProbe } from '../remoteProbe';
import { type DoctorFacts, type EarlierResults, type Verdict, pass, skip, blockedBy } from './facts';
import { remoteFailure } from './remoteFailure';
import { sessionFailure } from './sessionFailure';

/** podman-docker's `docker` script says this on stderr unless /etc/containers/nodocker exists. */
const podmanShimNotice = /Emulate Docker CLI using podman/i;

/** "18.06.3-ce" is older than "18.09"; a version we cannot read is not called old. */
export function olderThan(version: string, minimum: string): boolean {
  const [major, minor] = version.split(/[.-]/).map(Number);
  const [wantMajor, wantMinor] = minimum.split('.').map(Number);
  if (!Number.isFinite(major) || !Number.isFinite(minor)) return false;
  return major < wantMajor || (major === wantMajor && minor < wantMinor);
}

/** Why the docker the session found cannot serve `docker system dial-stdio`, if it cannot. */
function unusableCli(parsed: RemoteProbe): 'docker-is-podman' | 'docker-cli-too-old' | undefined {
  if (podmanShimNotice.test(parsed.engineOutput) || (parsed.engineExit === 0 && parsed.serverVersion === undefined && parsed.clientVersion !== undefined)) return 'docker-is-podman';
  if (parsed.clientVersion !== undefined && olderThan(parsed.clientVersion, dialStdioMinimumVersion)) return 'docker-cli-too-old';
  return undefined;
}

/**
 * The host's `docker` is Podman (podman-docker's shim) and the user's Podman API service answers:
 * podman's own `system dial-stdio` forwards a DOCKER_HOST=ssh:// connection to it, so the docker CLI
 * here gets Podman's Docker API.
 */
export function podmanServesDockerApi(parsed: RemoteProbe): boolean {
  return parsed.cliPath !== undefined && unusableCli(parsed) === 'docker-is-podman' && parsed.podmanServiceVersion !== undefined;
}

/**
 * On the remote-ssh path with Container Tools' Podman client (containers.containerClient): that
 * client runs the podman CLI on the host, so Podman that answers there is all it needs, with or
 * without podman-docker's shim. The version podman reported, else undefined.
 */
export function podmanClientVersion(facts: DoctorFacts): string | undefined {
  const parsed = facts.probe?.value.parsed;
  if (facts.path !== 'remote-ssh' || !facts.podmanClient || parsed === undefined) return undefined;
  // Through the shim `docker version` is podman's; without docker the probe asked podman itself.
  if (parsed.cliPath !== undefined) return unusableCli(parsed) === 'docker-is-podman' && parsed.engineExit === 0 ? parsed.clientVersion : undefined;
  return parsed.podmanPath !== undefined ? parsed.podmanVersion : undefined;
}

/**
 * The docker CLI's ssh:// round trip is worth running: the session found a docker that can serve
 * dial-stdio. Against an old CLI, or Podman with no API service, the docker CLI here waits for the
 * whole time limit.
 */
export function remoteCliServesDialStdio(parsed: RemoteProbe): boolean {
  return parsed.cliPath !== undefined && (unusableCli(parsed) === undefined || podmanServesDockerApi(parsed));
}

/** Where a symlink to docker lands on the session's PATH: the first folder of it the user may write, else /usr/local/bin (or its first folder) with sudo. */
function linkTarget(parsed: RemoteProbe): { linkDir: string; linkNeedsSudo: boolean } {
  const own = parsed.writablePathDirs[0];
  if (own !== undefined) return { linkDir: own, linkNeedsSudo: false };
  const onPath = (parsed.path ?? '').split(':').filter((dir) => dir.startsWith('/'));
  return { linkDir: onPath.includes('/usr/local/bin') || onPath.length === 0 ? '/usr/local/bin' : onPath[0], linkNeedsSudo: true };
}

/**
 * `command -v docker` in a non-interactive session: what Remote-SSH's server and `docker system
 * dial-stdio` get. When it is missing, the probe also asked the login shell and the usual folders.
 */
export function remoteDockerCliCheck(facts: DoctorFacts, earlier: EarlierResults): Verdict {
  if (blockedBy(earlier, ['ssh-client', 'host-key', 'auth'])) return skip('Skipped: needs an SSH login.');
  const fact = facts.probe!;
  const { parsed } = fact.value;
  const user = parsed.user ?? 'the user';
  if (!parsed.started || (!parsed.complete && parsed.cliPath === undefined)) return sessionFailure(facts);
  const podman = podmanClientVersion(facts);
  if (podman !== undefined) {
    return pass(`Container Tools uses its Podman client (containers.containerClient), and podman ${podman} is at ${parsed.podmanPath ?? parsed.cliPath} on the host${parsed.cliPath !== undefined ? ` (\`docker\` there is podman-docker's shim)` : ''}.`, fact.ms);
  }
  if (parsed.cliPath !== undefined) {
    const unusable = unusableCli(parsed);
    if (unusable === 'docker-is-podman') {
      const version = parsed.clientVersion !== undefined ? ` ${parsed.clientVersion}` : '';
      // Remote-SSH runs Container Tools on the host, and its default Docker client reads `docker
      // version --format '{{json .}}'` as Docker's (Client.ApiVersion and Server.ApiVersion required);
      // the shim answers with podman's local JSON (Client.APIVersion, no Server) whether or not the
      // API service runs, so there only its Podman client works: the failure stays, socket or not.
      if (facts.path === 'docker-host' && podmanServesDockerApi(parsed)) {
        return pass(`\`docker\` at ${parsed.cliPath} is podman-docker's shim for Podman${version}; its \`docker system dial-stdio\` reaches Podman's API service at ${parsed.podmanSocket}.`, fact.ms);
      }
      const why = parsed.podmanServiceVersion !== undefined
        ? `. Podman's API service answers at ${parsed.podmanSocket}, but Container Tools on the host runs the \`docker\` CLI there, which is podman's, and its Docker client cannot read podman's answers.`
        : parsed.podmanSocket !== undefined
          ? `: its \`docker system dial-stdio\` reaches no Docker API. Podman's API socket ${parsed.podmanSocket} is there, but no service answered on it.`
          : `: its \`docker system dial-stdio\` reaches no Docker API while Podman's API service is not running.`;
      return remoteFailure(facts, 'docker-is-podman', `\`docker\` at ${parsed.cliPath} is Podman's Docker emulation (podman${version}), not the docker CLI${why}`);
    }
    if (unusable === 'docker-cli-too-old') {
      return remoteFailure(facts, unusable, `The docker CLI at ${parsed.cliPath} is ${parsed.clientVersion}, older than ${dialStdioMinimumVersion}: it has no \`docker system dial-stdio\`, which Docker over SSH runs on the host.`, { remoteDockerPath: parsed.cliPath, remoteDockerVersion: parsed.clientVersion });
    }
    return pass(`docker${parsed.clientVersion ? ` ${parsed.clientVersion}` : ''} is at ${parsed.cliPath} on the host${parsed.shell ? ` (login shell ${parsed.shell})` : ''}.`, fact.ms);
  }
  if (parsed.podmanPath !== undefined) {
    return remoteFailure(facts, 'docker-is-podman', `The host has no \`docker\` but Podman at ${parsed.podmanPath}: Docker over SSH needs \`docker system dial-stdio\` on the host.`);
  }
  const found = parsed.loginDockerPath ?? parsed.dockerElsewhere[0];
  if (found !== undefined) {
    const how = parsed.loginDockerPath !== undefined ? `the login shell (${parsed.shell ?? 'sh'} -l) finds it at ${found}, in a folder only login files (.profile, .bashrc) add` : `it is at ${found}, outside that PATH`;
    return remoteFailure(facts, 'docker-login-path-only', `\`docker\` is not on the PATH of a non-interactive SSH session for ${user} (PATH=${parsed.path ?? ''}), but ${how}.`, { remoteDockerPath: found, ...linkTarget(parsed) });
  }
  const system = parsed.uname !== undefined && parsed.uname !== 'Linux' ? ` The host reports ${parsed.uname}.` : '';
  return remoteFailure(facts, 'remote-docker-missing', `\`docker\` is not on the PATH of a non-interactive SSH session for ${user} (PATH=${parsed.path ?? ''}), nor in the login shell's PATH or the usual folders.${system}`);
}
