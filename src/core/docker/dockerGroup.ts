/**
 * Whether the docker group reaches the process that talks to the socket. `usermod -aG docker`
 * changes the group database only: a process started before it keeps its old groups, and so does
 * every process it starts (the VS Code server and its extension hosts, vscode-remote-release
 * #1807, #5813). Run on the SSH host, by the extension host that runs there.
 */
import { runProcess } from '../runner';

export interface DockerGroupMembership {
  /** The group database lists the account in `docker` (what a new login gets). */
  readonly account: boolean;
  /** This process has `docker` among its groups now. */
  readonly session: boolean;
}

async function groupNames(args: readonly string[], timeoutMs: number): Promise<string[] | undefined> {
  const result = await runProcess('id', args, { timeoutMs });
  return result.exitCode === 0 ? result.stdout.trim().split(/\s+/) : undefined;
}

/** Undefined when `id` cannot tell (not installed, an unknown account). */
export async function dockerGroupMembership(user: string, timeoutMs: number): Promise<DockerGroupMembership | undefined> {
  // `id -Gn` alone reports this process's groups; with a name, the group database's.
  const [session, account] = await Promise.all([groupNames(['-Gn'], timeoutMs), groupNames(['-Gn', '--', user], timeoutMs)]);
  if (session === undefined || account === undefined) {
    return undefined;
  }
  return { account: account.includes('docker'), session: session.includes('docker') };
}
