import { sshHomeDir } from '../../core/ssh/config/paths';
import * as vscode from 'vscode';
import { defaultIdentityFiles, existingKeyPairs, type LocalKeyPair } from '../../core/ssh/localKeys';
import { resolveHost } from '../../core/ssh/config/resolveHost';
import { CommandIds } from '../commandIds';
import { currentTarget } from '../setupState';
import { sshConfigFile } from './sshConfigFile';
import { log } from '../log';

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? sshHomeDir() + path.slice(1) : path;
}

/** The key files ssh would offer to the current host (its IdentityFile lines first), that exist. */
export async function candidateKeys(): Promise<LocalKeyPair[]> {
  const candidates: string[] = [];
  const target = currentTarget();
  if (target) {
    try {
      const resolved = await resolveHost(sshConfigFile(), target);
      candidates.push(...resolved.identityFiles.map(expandHome));
    } catch (error) {
      log().warn(`Could not resolve ${target}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  candidates.push(...defaultIdentityFiles());
  return existingKeyPairs(candidates);
}

/** One key to work with: the only one, or the user's pick. With none, offers to generate one. */
export async function pickKey(purpose: string): Promise<LocalKeyPair | undefined> {
  const keys = await candidateKeys();
  if (keys.length === 1) {
    return keys[0];
  }
  if (keys.length === 0) {
    const generate = vscode.l10n.t('Generate a key');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('No SSH key pair was found in ~/.ssh. Generate one first.'), generate);
    if (choice === generate) {
      void vscode.commands.executeCommand(CommandIds.generateKey);
    }
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    keys.map((key) => ({ label: key.privateKey, description: key.publicKey, key })),
    { title: purpose, placeHolder: vscode.l10n.t('Which key?'), ignoreFocusOut: true },
  );
  return picked?.key;
}
