import type * as vscode from 'vscode';
import type { AddedHostBlock } from '../../core/ssh/config/addHost';

/**
 * What our commands added for a host, per target, in globalState: the exact ssh config block
 * (so Remove takes out those bytes and nothing else) and the docker contexts we created.
 * Settings are not recorded: Remove finds them by their value.
 */
export interface AddedForHost {
  readonly sshBlock?: AddedHostBlock;
  readonly contexts?: readonly string[];
}

const AddedKey = 'remoteDockerSsh.addedForHost';

function all(memento: vscode.Memento): Record<string, AddedForHost> {
  const value = memento.get<unknown>(AddedKey);
  return value && typeof value === 'object' ? (value as Record<string, AddedForHost>) : {};
}

export function addedForHost(memento: vscode.Memento, target: string): AddedForHost {
  return all(memento)[target.toLowerCase()] ?? {};
}

export async function recordAdded(memento: vscode.Memento, target: string, change: (previous: AddedForHost) => AddedForHost): Promise<void> {
  const records = all(memento);
  const key = target.toLowerCase();
  const next = change(records[key] ?? {});
  const rest = { ...records };
  delete rest[key];
  await memento.update(AddedKey, next.sshBlock || next.contexts?.length ? { ...rest, [key]: next } : rest);
}

export function recordContextCreated(memento: vscode.Memento, target: string, contextName: string): Promise<void> {
  return recordAdded(memento, target, (previous) => ({ ...previous, contexts: [...new Set([...(previous.contexts ?? []), contextName])] }));
}
