import type { DockerExtensionGeneration } from './dockerHost';

/**
 * The refresh commands of each Docker extension generation's views. None of them reacts when its
 * DOCKER_HOST setting changes: they poll every 60 s, so after a write the view shows the old
 * engine for up to a minute (measured with the real Container Tools 2.4.5 and Docker 1.29.3).
 * Running these brings it to the new engine at once.
 */
const viewsToRefresh = ['containers', 'images', 'networks', 'volumes', 'contexts'] as const;

export function dockerViewRefreshCommands(generation: DockerExtensionGeneration, available: readonly string[]): string[] {
  const prefix = generation === 'containers' ? 'vscode-containers' : 'vscode-docker';
  const present = new Set(available);
  return viewsToRefresh.map((view) => `${prefix}.${view}.refresh`).filter((command) => present.has(command));
}

/**
 * Docker before 1.23 (dockerode + ssh2) ignores ~/.ssh/config: `docker.host` must name the
 * user, address and port itself. They come from `ssh -G` (ssh's own resolution), never a guess.
 */
export function explicitSshDockerHost(resolved: { user: string; hostName: string; port: number }): string {
  const host = resolved.hostName.includes(':') ? `[${resolved.hostName}]` : resolved.hostName;
  return `ssh://${resolved.user ? `${resolved.user}@` : ''}${host}:${resolved.port}`;
}
