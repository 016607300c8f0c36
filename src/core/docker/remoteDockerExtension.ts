/**
 * Which Docker extension belongs on the SSH host. Today that is Container Tools; the older
 * `ms-azuretools.vscode-docker` (1.x, or the 2.x pack that depends on Container Tools) also
 * serves a remote engine, so a host that has it needs nothing more.
 */

import { containerToolsId, dockerExtensionId } from './dockerHost';

export const ContainerToolsId = containerToolsId;
export const LegacyDockerId = dockerExtensionId;

/** Container Tools' `containers.containerClient` value for its Podman client, which runs `podman` on the host. */
export const podmanContainerClient = 'com.microsoft.visualstudio.containers.podman';

/** Its Docker client (the default): runs `docker` on the host. */
export const dockerContainerClient = 'com.microsoft.visualstudio.containers.docker';

/** The id to install on a host that has no Docker extension yet. */
export function dockerExtensionToInstall(): string {
  return ContainerToolsId;
}

/** Extension ids compare case-insensitively (the gallery and VS Code both lower-case them). */
export function sameExtensionId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True when any generation of the Docker extension is among `installedIds`. */
export function hasDockerExtension(installedIds: Iterable<string>): boolean {
  for (const id of installedIds) {
    if (sameExtensionId(id, ContainerToolsId) || sameExtensionId(id, LegacyDockerId)) {
      return true;
    }
  }
  return false;
}
