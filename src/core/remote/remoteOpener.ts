/**
 * How to open a window on an SSH host, given the commands the running editor offers.
 *
 * Remote-SSH has removed command ids before (vscode-remote-release #7529), so nothing here is
 * assumed: the adapter passes in what `vscode.commands.getCommands(true)` returned and this
 * module picks the best opener that is really there.
 */

/** Remote-SSH's documented, stable command; it takes `{ host }` and opens a new window. */
export const RemoteSshOpenCommand = 'opensshremotes.openEmptyWindow';
/** Open Remote - SSH (VSCodium, code-server); it ignores arguments and asks for the host itself. */
export const OpenRemoteSshOpenCommand = 'openremotessh.openEmptyWindow';

/** What the running editor offers for SSH remotes, as the adapter found it. */
export interface EditorRemoteSupport {
  /** `vscode.commands.getCommands(true)`. */
  readonly commands: Iterable<string>;
  /** Remote-SSH or Open Remote - SSH is installed (they register the `ssh-remote` resolver). */
  readonly sshExtensionInstalled: boolean;
}

export type RemoteOpener =
  | { readonly kind: 'remote-ssh'; readonly command: string; readonly args: readonly [{ readonly host: string }] }
  | { readonly kind: 'open-remote-ssh'; readonly command: string; readonly args: readonly [] }
  | { readonly kind: 'new-window'; readonly command: 'vscode.newWindow'; readonly args: readonly [{ readonly remoteAuthority: string; readonly reuseWindow: false }] }
  | { readonly kind: 'open-folder'; readonly command: 'vscode.openFolder'; readonly folderUri: string; readonly args: readonly [] }
  | { readonly kind: 'none' };

/**
 * Remote authorities are lower-cased by URI handling, while ssh config aliases are matched as
 * written, so any alias that would not survive lower-casing is sent the way Remote-SSH and Open
 * Remote - SSH both decode it: the hex of `{"hostName": alias}`.
 */
export function sshRemoteAuthority(alias: string): string {
  const survivesLowerCase = /^[a-z0-9._-]+$/.test(alias);
  const host = survivesLowerCase ? alias : Buffer.from(JSON.stringify({ hostName: alias }), 'utf8').toString('hex');
  return `ssh-remote+${host}`;
}

/**
 * Picks how to open the remote window, in order of preference:
 * 1. `opensshremotes.openEmptyWindow({ host })` — the one stable API, takes the host;
 * 2. `openremotessh.openEmptyWindow` — Open Remote - SSH (the user picks the host in its prompt);
 * 3. `vscode.newWindow` / `vscode.openFolder` with the `ssh-remote+<alias>` authority — works whenever
 *    some extension resolves `ssh-remote` even if its command ids changed.
 * `none` when no opener exists: the caller then offers to install Remote-SSH.
 */
export function chooseRemoteOpener(editor: EditorRemoteSupport, alias: string): RemoteOpener {
  const available = new Set(editor.commands);
  if (available.has(RemoteSshOpenCommand)) {
    return { kind: 'remote-ssh', command: RemoteSshOpenCommand, args: [{ host: alias }] };
  }
  if (available.has(OpenRemoteSshOpenCommand)) {
    return { kind: 'open-remote-ssh', command: OpenRemoteSshOpenCommand, args: [] };
  }
  const authority = sshRemoteAuthority(alias);
  if (available.has('vscode.newWindow') && hasSshRemoteResolver(editor, available)) {
    return { kind: 'new-window', command: 'vscode.newWindow', args: [{ remoteAuthority: authority, reuseWindow: false }] };
  }
  if (available.has('vscode.openFolder') && hasSshRemoteResolver(editor, available)) {
    return { kind: 'open-folder', command: 'vscode.openFolder', folderUri: `vscode-remote://${authority}/`, args: [] };
  }
  return { kind: 'none' };
}

/**
 * The authority fallbacks only help when an `ssh-remote` resolver is installed; with neither
 * extension family present they would open a window that can never connect. Either extension
 * being installed, or any remaining command of either family, says the resolver is there.
 */
function hasSshRemoteResolver(editor: EditorRemoteSupport, available: ReadonlySet<string>): boolean {
  if (editor.sshExtensionInstalled) {
    return true;
  }
  for (const id of available) {
    if (id.startsWith('opensshremotes.') || id.startsWith('openremotessh.')) {
      return true;
    }
  }
  return false;
}

/** Commands that stop the VS Code server of the current SSH window, so the next connection starts a fresh one. */
export const ServerRestartCommands = ['opensshremotes.cleanCurrentRemoteServer'] as const;

export type ServerRestart =
  | { readonly kind: 'command'; readonly command: string }
  | { readonly kind: 'manual' };

/**
 * A new group membership (after `usermod -aG docker`) only reaches processes started after it:
 * the VS Code server must restart. Remote-SSH can do that itself; Open Remote - SSH has no such
 * command, so the user is told how (the caller explains, with the host's alias).
 */
export function chooseServerRestart(availableCommands: Iterable<string>): ServerRestart {
  const available = new Set(availableCommands);
  for (const command of ServerRestartCommands) {
    if (available.has(command)) {
      return { kind: 'command', command };
    }
  }
  return { kind: 'manual' };
}
