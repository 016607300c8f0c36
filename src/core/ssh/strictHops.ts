import { access, chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The options every HOP of a proxied check connection gets. ssh starts a ProxyJump hop as
 * `ssh … -W '[%h]:%p' HOP` through the shell, found on PATH, and passes it neither our -o options
 * nor anything but -F and -v; a `ProxyCommand ssh -W %h:%p HOP` is the same. Without these the hop
 * reads the user's config alone: it may write known_hosts (accept-new), prompt, or leave a
 * ControlMaster running. Command-line options win over every config file, so putting them on the
 * hop's command line is exactly as strong as on ours.
 */
export const hopSshOptions: readonly string[] = [
  '-o', 'BatchMode=yes',
  '-o', 'StrictHostKeyChecking=yes',
  '-o', 'UpdateHostKeys=no',
  '-o', 'ControlMaster=no',
  '-o', 'ControlPath=none',
  '-o', 'PermitLocalCommand=no',
  '-o', 'LogLevel=ERROR',
];

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** The first executable `ssh` on PATH: the one the hop would have run. */
async function findSsh(pathValue: string): Promise<string | undefined> {
  for (const folder of pathValue.split(delimiter)) {
    if (folder === '' || !isAbsolute(folder)) continue;
    const candidate = join(folder, 'ssh');
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

/**
 * Marks the ssh the caller starts itself: it already has our options (in the order the caller
 * chose, e.g. its own LogLevel), so the script only lends it its path and drops the mark; every
 * ssh below it (the hops) lacks the mark and gets hopSshOptions.
 */
const topSessionMark = 'REMOTE_DOCKER_SSH_TOP_SESSION';

/**
 * ssh builds a ProxyJump hop's command from its own argv[0] when that has a "/" (else it runs
 * "ssh" from PATH). The script therefore runs the real ssh under the script's own path
 * (bash's `exec -a`), so the hop's hops come back through it too, to any depth. Without bash,
 * plain sh still covers the first hop.
 */
async function hopScript(realSsh: string): Promise<string> {
  const options = hopSshOptions.join(' ');
  const real = shellQuote(realSsh);
  const top = `if [ -n "\${${topSessionMark}:-}" ]; then unset ${topSessionMark}; exec`;
  const bash = await access('/bin/bash', constants.X_OK).then(() => true, () => false);
  return bash
    ? `#!/bin/bash\n${top} -a "$0" ${real} "$@"; fi\nexec -a "$0" ${real} ${options} "$@"\n`
    : `#!/bin/sh\n${top} ${real} "$@"; fi\nexec ${real} ${options} "$@"\n`;
}

export interface StrictHopsEnvironment {
  /** For the one ssh the caller starts: through the script (for its path), with the caller's own options only. */
  readonly env: NodeJS.ProcessEnv;
  /** Removes the temporary folder; call once every ssh using `env` has ended. */
  dispose(): Promise<void>;
}

/**
 * An environment whose PATH starts with a folder holding an `ssh` that runs the real one with
 * hopSshOptions first, for every hop of any depth. The script's text is fixed: the only thing
 * in it besides our options is the real ssh's path, quoted. POSIX only (Windows' OpenSSH runs
 * hops without a shell script); elsewhere the environment is returned unchanged.
 */
export async function strictHopsEnvironment(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<StrictHopsEnvironment> {
  const pathValue = env.PATH ?? '';
  const realSsh = platform === 'win32' ? undefined : await findSsh(pathValue);
  if (realSsh === undefined) return { env, dispose: async () => undefined };
  const folder = await mkdtemp(join(env.TMPDIR ?? tmpdir(), 'rds-hops-'));
  try {
    const script = join(folder, 'ssh');
    await writeFile(script, await hopScript(realSsh), { mode: 0o700 });
    await chmod(script, 0o700);
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return { env: { ...env, PATH: `${folder}${delimiter}${pathValue}`, [topSessionMark]: '1' }, dispose: () => rm(folder, { recursive: true, force: true }) };
}
