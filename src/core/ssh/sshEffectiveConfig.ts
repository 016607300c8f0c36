import { userInfo } from 'node:os';
import type { HostTarget } from './doctorTarget';
import { sshDestinationArgs } from './doctorTarget';
import { runProcess, type ProcessResult } from '../runner';

const oneLineLists = new Set(['userknownhostsfile', 'globalknownhostsfile']);

function splitPathList(line: string): string[] {
  const paths: string[] = [];
  for (const word of line.split(' ')) {
    if (word === '') continue;
    const startsPath = /^([/~%]|[A-Za-z]:[\\/])/.test(word) || word === 'none';
    if (startsPath || paths.length === 0) paths.push(word);
    else paths[paths.length - 1] += ` ${word}`;
  }
  return paths;
}

/** What `ssh -G` says ssh would use for a target: the config as ssh itself reads it. */
export class EffectiveSshConfig {
  private readonly values = new Map<string, string[]>();

  constructor(text: string) {
    for (const line of text.split('\n')) {
      const match = /^(\S+)\s+(.*)$/.exec(line.trim());
      if (!match) continue;
      const key = match[1].toLowerCase();
      this.values.set(key, [...(this.values.get(key) ?? []), match[2]]);
    }
  }

  get(key: string): string | undefined {
    return this.values.get(key)?.[0];
  }

  /**
   * Keys ssh repeats, one value a line (identityfile: kept whole, spaces and all), or lists on
   * one line (userknownhostsfile, globalknownhostsfile). `ssh -G` prints such a list space-joined
   * and unquoted, so a path with a space is only told from two paths by where a path can start:
   * a word that does not begin with "/", "~", "%" or a drive letter continues the previous path.
   */
  list(key: string): string[] {
    const values = this.values.get(key) ?? [];
    if (!oneLineLists.has(key)) return values.filter((value) => value !== '' && value !== 'none');
    return values.flatMap(splitPathList).filter((value) => value !== 'none');
  }

  get hostname(): string {
    return this.get('hostname') ?? '';
  }

  get port(): number {
    return Number(this.get('port') ?? '22');
  }

  get user(): string {
    return this.get('user') ?? '';
  }

  /**
   * The name known_hosts is searched for: HostKeyAlias exactly as written (ssh adds no port to an
   * alias), else the host name, bracketed with a non-22 port.
   */
  get knownHostsName(): string {
    const alias = this.get('hostkeyalias');
    if (alias !== undefined) return alias;
    return this.port === 22 ? this.hostname : `[${this.hostname}]:${this.port}`;
  }

  get proxied(): boolean {
    return this.get('proxyjump') !== undefined || this.get('proxycommand') !== undefined;
  }

  /** Paths as ssh expands them: `~` and the tokens that can appear in file names. */
  expandPath(path: string): string {
    // ssh takes the home folder from the passwd entry, not from $HOME.
    const home = userInfo().homedir;
    const tokens: Record<string, string> = { '%': '%', d: home, u: userInfo().username, h: this.hostname, p: String(this.port), r: this.user, n: this.hostname };
    const withTokens = path.replace(/%([%dhuprn])/g, (_, token: string) => tokens[token]);
    return withTokens.startsWith('~/') ? `${home}${withTokens.slice(1)}` : withTokens;
  }
}

export interface EffectiveConfigResult {
  readonly config?: EffectiveSshConfig;
  readonly result: ProcessResult;
}

export async function readEffectiveSshConfig(target: HostTarget, configFile: string | undefined, options: { timeoutMs: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv }): Promise<EffectiveConfigResult> {
  // -G only prints the configuration and never connects; BatchMode and ConnectTimeout are there
  // anyway so that no ssh call of ours lacks them.
  const connectTimeout = Math.max(1, Math.floor(options.timeoutMs / 1000));
  const result = await runProcess('ssh', [...(configFile !== undefined ? ['-F', configFile] : []), '-o', 'BatchMode=yes', '-o', `ConnectTimeout=${connectTimeout}`, '-G', ...sshDestinationArgs(target)], options);
  return { result, config: result.exitCode === 0 ? new EffectiveSshConfig(result.stdout) : undefined };
}
