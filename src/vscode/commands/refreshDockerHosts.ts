import { dockerHostsTree } from '../hosts/dockerHostsTree';

/** Reads the ssh config and the docker contexts again (no host is checked). */
export function refreshDockerHosts(): void {
  dockerHostsTree().refresh();
}
