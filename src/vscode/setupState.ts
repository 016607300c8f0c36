import type * as vscode from 'vscode';

/**
 * What the user chose in the walkthrough, remembered across windows (globalState): the path and
 * the SSH host every later step works on. Kept in memory by VS Code, so reading it is not I/O.
 */
export type SetupPath = 'remoteSsh' | 'dockerHost';

const pathKey = 'remoteDockerSsh.setupPath';
const targetKey = 'remoteDockerSsh.target';

let memento: vscode.Memento | undefined;

export function initSetupState(globalState: vscode.Memento): void {
  memento = globalState;
}

function state(): vscode.Memento {
  if (!memento) {
    throw new Error('setup state used before activation');
  }
  return memento;
}

export function isSetupPath(value: unknown): value is SetupPath {
  return value === 'remoteSsh' || value === 'dockerHost';
}

export function setupPath(): SetupPath | undefined {
  const value = state().get<unknown>(pathKey);
  return isSetupPath(value) ? value : undefined;
}

export async function setSetupPath(path: SetupPath): Promise<void> {
  await state().update(pathKey, path);
}

/** The SSH target (an alias from the ssh config, or `user@host:port`) the steps work on. */
export function currentTarget(): string | undefined {
  const value = state().get<unknown>(targetKey);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export async function setCurrentTarget(target: string): Promise<void> {
  await state().update(targetKey, target);
}
