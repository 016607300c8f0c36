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
 * The config file ssh must be given with `-F`: only the one the user chose (`--config`,
 * `remote.SSH.configFile`), expanded as configPathFromOption does; undefined when none was chosen.
 * `-F` makes ssh skip /etc/ssh/ssh_config (Debian's HashKnownHosts, a site's ProxyJump), so we pass
 * it exactly when the user's own `ssh -F` would.
 */
export function chosenConfigPath(value: string | undefined): string | undefined {
  return value === undefined || value.trim().length === 0 ? undefined : configPathFromOption(value.trim());
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
