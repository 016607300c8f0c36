import * as os from 'node:os';
import * as path from 'node:path';
import type { IncludeBase } from './includeGlob';

/**
 * The home directory ssh uses. OpenSSH takes it from the passwd entry, not from $HOME, so we do too
 * where the platform has one.
 */
export function sshHomeDir(): string {
  try {
    const fromPasswd = os.userInfo().homedir;
    if (fromPasswd) {
      return fromPasswd;
    }
  } catch {
    // No passwd entry (some containers): fall back to $HOME.
  }
  return os.homedir();
}

export function defaultSshDir(): string {
  return path.join(sshHomeDir(), '.ssh');
}

export function defaultSshConfigPath(): string {
  return path.join(defaultSshDir(), 'config');
}

export function defaultIncludeBase(): IncludeBase {
  return { sshDir: defaultSshDir(), homeDir: sshHomeDir() };
}

/**
 * The config file a user named (`--config`, `remote.SSH.configFile`), or the default. A leading
 * `~` is expanded here because it often arrives unexpanded (`--config=~/x`, settings JSON).
 */
export function configPathFromOption(value: string | undefined): string {
  if (value === undefined || value.length === 0) {
    return defaultSshConfigPath();
  }
  if (value === '~' || value.startsWith('~/') || value.startsWith('~\\')) {
    return path.join(sshHomeDir(), value.slice(1));
  }
  return path.resolve(value);
}
