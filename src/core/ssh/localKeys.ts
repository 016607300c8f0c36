import { access, constants } from 'node:fs/promises';
import { sshHomeDir } from './config/paths';
import { join } from 'node:path';

/** A private key on this machine whose public half sits next to it (KEY.pub). */
export interface LocalKeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
}

/** Where `ssh-keygen -t ed25519` puts a key by default; ed25519 also works with old Windows agents. */
export function defaultKeyPath(home: string = sshHomeDir()): string {
  return join(home, '.ssh', 'id_ed25519');
}

/** The identity files ssh tries when the config names none, newest algorithms first. */
export function defaultIdentityFiles(home: string = sshHomeDir()): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_ed25519_sk', 'id_ecdsa_sk', 'id_rsa'].map((name) => join(home, '.ssh', name));
}

async function readable(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The candidates (in order, duplicates dropped) that exist with a `.pub` beside them. Both halves
 * are needed: the agent loads the private key and ssh-copy-id sends the public one.
 */
export async function existingKeyPairs(candidates: readonly string[]): Promise<LocalKeyPair[]> {
  const unique = [...new Set(candidates)];
  const found = await Promise.all(
    unique.map(async (privateKey) => ((await readable(privateKey)) && (await readable(`${privateKey}.pub`)) ? { privateKey, publicKey: `${privateKey}.pub` } : undefined)),
  );
  return found.filter((pair): pair is LocalKeyPair => pair !== undefined);
}

/** True when a file already sits at `path` (ssh-keygen would ask to overwrite it). */
export async function keyFileExists(path: string): Promise<boolean> {
  return readable(path);
}
