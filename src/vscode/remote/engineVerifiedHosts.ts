import type * as vscode from 'vscode';

/**
 * The hosts whose Remote-SSH follow-through ended with the engine answering in the connected
 * window. The local window's "Verify the engine" step reads it; only that success may check it there.
 */
const EngineVerifiedHostsKey = 'remoteDockerSsh.engineVerifiedHosts';

export function engineVerifiedHosts(context: vscode.ExtensionContext): string[] {
  const stored = context.globalState.get<unknown>(EngineVerifiedHostsKey);
  return Array.isArray(stored) ? stored.filter((host): host is string => typeof host === 'string') : [];
}

export async function recordEngineVerified(context: vscode.ExtensionContext, alias: string): Promise<void> {
  const hosts = engineVerifiedHosts(context);
  if (!hosts.includes(alias)) {
    await context.globalState.update(EngineVerifiedHostsKey, [...hosts, alias]);
  }
}
