import { dockerHostFor, type DockerExtensionGeneration } from '../../core/docker/dockerHost';
import { explicitSshDockerHost } from '../../core/docker/dockerViewRefresh';
import { BadInputError } from '../../core/errors';
import { parseTarget } from '../../core/ssh/hostSpec';
import { readEffectiveSshConfig } from '../../core/ssh/sshEffectiveConfig';
import { defaultSshConfigPath } from '../../core/ssh/config/paths';
import { sshConfigFile } from '../ssh/sshConfigFile';

/**
 * The DOCKER_HOST value for a target as the installed generation needs it: `ssh://alias` for the
 * generations that run the docker CLI (and so ssh with ~/.ssh/config), and for Docker before 1.23
 * (ssh2, no ssh config) `ssh://User@HostName:Port` as `ssh -G` resolves it. `ssh -G` never connects.
 */
export async function dockerHostValueFor(generation: DockerExtensionGeneration | undefined, target: string): Promise<string> {
  if (generation !== 'docker-host') {
    return dockerHostFor(target, sshConfigFile());
  }
  // -F only for a file the user chose: ssh's own default needs no -F (and may not exist).
  const configFile = sshConfigFile() === defaultSshConfigPath() ? undefined : sshConfigFile();
  const resolved = await readEffectiveSshConfig(parseTarget(target), configFile, { timeoutMs: 5_000 });
  if (!resolved.config || !resolved.config.hostname) {
    const reason = resolved.result.stderr.trim().split('\n')[0] || `ssh -G exited with ${resolved.result.exitCode ?? resolved.result.spawnError ?? 'no status'}`;
    throw new BadInputError(`could not resolve ${target} with ssh -G: ${reason}`);
  }
  return explicitSshDockerHost({ user: resolved.config.user, hostName: resolved.config.hostname, port: resolved.config.port });
}
