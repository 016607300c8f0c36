import { dockerHostsTree } from '../hosts/dockerHostsTree';
import { addHost, type AddHostResult } from './addHost';

/** The Docker Hosts view's title action: a new host in the ssh config, asked for step by step. */
export async function addDockerHost(): Promise<AddHostResult | { alias: string } | undefined> {
  const result = await addHost({ mode: 'new' });
  dockerHostsTree().refresh();
  return result;
}
