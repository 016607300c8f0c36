import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, rmSync } from 'node:fs';
import { cp, lchown, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { accountOf, type Account } from '../fixtures/rig/linuxUser';
import { unreachableGalleryConfig } from '../fixtures/gallery/gallery';
import { repoRoot } from './paths';
import { onExit, trackProcessGroup } from './processGroups';

/**
 * The code-server builds `npm run test:setup` installs: 4.100.3 (VS Code 1.100.3, the default) on the Node
 * that runs the tests, and 4.105.1 (VS Code 1.105.1, which Container Tools >= 2.3 needs) on its own Node 22.
 */
export const codeServerBuilds = {
  '4.100.3': {
    entry: path.join(repoRoot, 'test/vscode-server/node_modules/code-server/out/node/entry.js'),
    node: process.execPath,
  },
  '4.105.1': {
    entry: path.join(repoRoot, 'test/vscode-server-1.105/node_modules/code-server/out/node/entry.js'),
    node: path.join(repoRoot, 'test/vscode-server-1.105/node_modules/.node/bin/node'),
  },
} as const;

export type CodeServerVersion = keyof typeof codeServerBuilds;

/** Settings every test editor starts with: nothing opens by itself, nothing forwards ports. */
export const defaultSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'remote.autoForwardPorts': false,
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

export interface CodeServerOptions {
  /** Which installed code-server runs (default 4.100.3); see `codeServerBuilds`. */
  version?: CodeServerVersion;
  /** Folder the workbench opens; an empty folder under the run's temp dir when omitted. */
  workspaceFolder?: string;
  /** User settings, written over `defaultSettings` into the fresh user-data dir. */
  settings?: Record<string, unknown>;
  /** VSIX files installed into the fresh extensions dir (`--install-extension`) before start. */
  vsixFiles?: string[];
  /** Unpacked extension folders (fixture extensions) copied into the fresh extensions dir before start. */
  extensionFolders?: string[];
  /** Added to code-server's environment; the extension host inherits it. */
  env?: NodeJS.ProcessEnv;
  /** Parent of the run's temp dir (default: the OS temp dir). */
  tmpParent?: string;
  /** Kept after stop() for a post-mortem (default: removed unless KEEP_TEST_DIRS=1). */
  keepTmpDir?: boolean;
  startTimeoutMs?: number;
  /**
   * Listen on this loopback port instead of a free one. The workbench keeps its application storage
   * (extension globalState) in the browser, per origin: a server started on the port of an earlier
   * one gives the same Chromium page that storage back (the e2e remote window relies on it).
   */
  port?: number;
  /**
   * Runs code-server (and so its extension host, terminals and every ssh they start) as this Linux
   * user: uid, gid, supplementary groups (initgroups, read from /etc/group at this start) and HOME
   * from the passwd entry. ssh reads ~/.ssh from the passwd entry, not from $HOME, so only a real
   * switch of user makes a test see what that user's editor would see. The run's temp dir is handed
   * to the user; a `workspaceFolder` given here must already be readable by it. Needs root.
   */
  runAsUser?: string;
  /**
   * Keeps VS Code's workspace trust on (default: `--disable-workspace-trust`). The folder then opens in
   * restricted mode: nobody answers the trust question (its start-up prompt is off), so it stays untrusted.
   */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly origin: string;
  readonly port: number;
  /** code-server's own process (the leader of its process group). */
  readonly pid: number;
  /** The account it runs as, when `runAsUser` was given. */
  readonly account?: Account;
  /** The run's own temp dir; everything below is fresh for this run. */
  readonly tmpDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspaceFolder: string;
  /** code-server's stdout + stderr. */
  readonly logFile: string;
  /** The workbench URL for the workspace folder. */
  workbenchUrl(extraQuery?: Record<string, string>): string;
  /**
   * Kills the whole process group and starts code-server again on the same port with the same
   * user-data and extensions dirs: a new server process (as `runAsUser`, with the supplementary
   * groups /etc/group gives at this start), what Remote-SSH's "Kill VS Code Server" leads to.
   */
  restart(): Promise<void>;
  /** Kills the whole process group (server, extension hosts, terminals); idempotent. */
  stop(): Promise<void>;
}

/** util-linux's setpriv, by path: the server's own PATH (options.env) may leave /usr/bin out on purpose. */
const setprivPath = '/usr/bin/setpriv';

/** Fails clearly when `npm run test:setup` has not run. */
export function assertCodeServerInstalled(version: CodeServerVersion = '4.100.3'): void {
  for (const file of [codeServerBuilds[version].entry, codeServerBuilds[version].node]) {
    if (!existsSync(file)) {
      throw new Error(`code-server ${version} is not installed (${file} is missing): run \`npm run test:setup\` (as root) first.`);
    }
  }
}

/**
 * Starts code-server with a fresh user-data dir, extensions dir and state, on a free loopback port,
 * and resolves once it answers HTTP. Whatever fails after the process started, it is killed again.
 */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const build = codeServerBuilds[options.version ?? '4.100.3'];
  assertCodeServerInstalled(options.version);
  const account = options.runAsUser === undefined ? undefined : accountFor(options.runAsUser);
  const tmpDir = await mkdtemp(path.join(options.tmpParent ?? tmpdir(), 'rds-code-server-'));
  const userDataDir = path.join(tmpDir, 'user-data');
  const extensionsDir = path.join(tmpDir, 'extensions');
  const workspaceFolder = options.workspaceFolder ?? path.join(tmpDir, 'workspace');
  const logFile = path.join(tmpDir, 'code-server.log');
  const keep = options.keepTmpDir ?? process.env.KEEP_TEST_DIRS === '1';
  const removeTmp = async (): Promise<void> => {
    if (!keep) await rm(tmpDir, { recursive: true, force: true });
  };

  // code-server keeps its config file, session socket and logs under XDG dirs: keep them in tmpDir too.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmpDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmpDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmpDir, 'xdg-cache'),
    // Its own temp dir, removed with tmpDir: code-server, the extension host and the git extension put
    // their vscode-ipc-*.sock / vscode-git-*.sock there (under XDG_RUNTIME_DIR when that is set), and
    // leave them behind in /tmp otherwise.
    TMPDIR: path.join(tmpDir, 'tmp'),
    XDG_RUNTIME_DIR: path.join(tmpDir, 'tmp'),
    // Tests talk to loopback only: the extension gallery (Open VSX by default) points at a closed
    // loopback port, so a marketplace query fails at once instead of leaving the machine. A test that
    // installs passes the loopback gallery's `productConfig` as EXTENSIONS_GALLERY in `env`.
    EXTENSIONS_GALLERY: unreachableGalleryConfig,
    // Suites set user-scope settings the test editor declares no schema for (remote.SSH.configFile) here:
    // the remote (machine) user settings of code-server's extension host, which VS Code merges into globalValue.
    RDS_USER_SETTINGS_FILE: path.join(userDataDir, 'Machine', 'settings.json'),
    // Its own HOME (issue 11 part 6): the extension's default ~/.ssh/config and every os.homedir()
    // lookup land in the temp dir, never in the real home. ssh itself reads ~/.ssh from the passwd
    // entry; every ssh the suites start gets -F or runs as the rig's own user (see test/README.md).
    // As a given user (runAsUser), that user's own passwd home instead.
    HOME: path.join(tmpDir, 'home'),
    ...(account ? { HOME: account.home, USER: account.name, LOGNAME: account.name, SHELL: account.shell } : {}),
    ...options.env,
  };

  try {
    await mkdir(path.join(userDataDir, 'User'), { recursive: true });
    await mkdir(path.join(tmpDir, 'home'), { recursive: true, mode: 0o700 });
    await mkdir(extensionsDir, { recursive: true });
    await mkdir(path.join(tmpDir, 'tmp'), { recursive: true, mode: 0o700 });
    await mkdir(workspaceFolder, { recursive: true });
    await writeFile(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...defaultSettings, ...(options.workspaceTrust ? { 'security.workspace.trust.startupPrompt': 'never' } : {}), ...options.settings }, null, 2),
    );
    for (const vsix of options.vsixFiles ?? []) {
      await installVsix(build, vsix, userDataDir, extensionsDir, env);
    }
    for (const folder of options.extensionFolders ?? []) {
      await copyExtensionFolder(folder, extensionsDir);
    }
    if (account) {
      // Prepared as root (mkdtemp makes it 0700): the user must own all of it to write its state there.
      await chownTree(tmpDir, account);
      if (!workspaceFolder.startsWith(tmpDir + path.sep)) await assertReadableBy(workspaceFolder, account);
    }
  } catch (error) {
    await removeTmp();
    throw error;
  }

  const log = createWriteStream(logFile);
  const serverArgs = (port: number): string[] => [
      build.entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      workspaceFolder,
  ];
  const launch = (port: number): { child: ChildProcess; stopProcess: () => Promise<void> } => {
    // setpriv (util-linux) switches user and execs node, so the pid stays code-server's. Node's own
    // spawn({ uid, gid }) would drop every supplementary group, and the docker group is the point.
    const [command, args] = account
      ? [setprivPath, ['--reuid', String(account.uid), '--regid', String(account.gid), '--init-groups', '--', build.node, ...serverArgs(port)]]
      : [build.node, serverArgs(port)];
    // Its own process group: stop() kills the server with every extension host and pty it started.
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    return { child, stopProcess: trackProcessGroup(child) };
  };
  const forgetExit = onExit(() => {
    if (!keep) rmSync(tmpDir, { recursive: true, force: true });
  });
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const listening = async (child: ChildProcess): Promise<number> => {
    const port = await waitForListeningPort(child, startTimeoutMs);
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, startTimeoutMs);
    return port;
  };
  let running = launch(options.port ?? 0);

  try {
    const port = await listening(running.child);
    const origin = `http://127.0.0.1:${port}`;
    return {
      origin,
      port,
      get pid() {
        return running.child.pid!;
      },
      account,
      tmpDir,
      userDataDir,
      extensionsDir,
      workspaceFolder,
      logFile,
      workbenchUrl(extraQuery = {}) {
        const query = new URLSearchParams({ folder: workspaceFolder, ...extraQuery });
        return `${origin}/?${query.toString()}`;
      },
      async restart() {
        await running.stopProcess();
        running = launch(port);
        await listening(running.child);
      },
      async stop() {
        await running.stopProcess();
        log.end();
        await removeTmp();
        forgetExit();
      },
    };
  } catch (error) {
    await running.stopProcess();
    log.end();
    forgetExit();
    const tail = await readFile(logFile, 'utf8').catch(() => '');
    await removeTmp();
    throw new Error(`code-server did not start: ${(error as Error).message}\n--- code-server log ---\n${tail.slice(-4000)}`);
  }
}

function accountFor(name: string): Account {
  if (process.getuid?.() !== 0) throw new Error(`runAsUser: ${name}: switching user needs root`);
  const account = accountOf(name);
  if (!account) throw new Error(`runAsUser: no passwd entry for ${JSON.stringify(name)}`);
  return account;
}

async function chownTree(target: string, account: Account): Promise<void> {
  await lchown(target, account.uid, account.gid);
  const info = await lstat(target);
  if (!info.isDirectory()) return;
  for (const name of await readdir(target)) await chownTree(path.join(target, name), account);
}

/** Fails early with a clear message instead of a workbench that cannot open its folder. */
async function assertReadableBy(folder: string, account: Account): Promise<void> {
  const child = spawn('setpriv', ['--reuid', String(account.uid), '--regid', String(account.gid), '--init-groups', '--', 'test', '-r', folder, '-a', '-x', folder], { stdio: 'ignore' });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`runAsUser: ${account.name} cannot read the workspace folder ${folder}`);
}

async function installVsix(
  build: { entry: string; node: string },
  vsix: string,
  userDataDir: string,
  extensionsDir: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  if (!existsSync(vsix)) throw new Error(`VSIX not found: ${vsix}`);
  const child = spawn(
    build.node,
    [build.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  // code-server exits 0 even when the install failed; its output says which.
  if (code !== 0 || !/was successfully installed/.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${output}`);
  }
}

/**
 * Copies an unpacked extension to `<publisher>.<name>-<version>` and lists it in the extensions dir's
 * extensions.json: once that file exists (after any --install-extension), code-server loads only what
 * it lists.
 */
async function copyExtensionFolder(folder: string, extensionsDir: string): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8')) as {
    publisher?: string;
    name?: string;
    version?: string;
  };
  if (!manifest.publisher || !manifest.name || !manifest.version) {
    throw new Error(`${folder}/package.json needs publisher, name and version`);
  }
  const id = `${manifest.publisher}.${manifest.name}`;
  const relativeLocation = `${id}-${manifest.version}`;
  const target = path.join(extensionsDir, relativeLocation);
  await cp(folder, target, { recursive: true });

  const listFile = path.join(extensionsDir, 'extensions.json');
  const listed = existsSync(listFile) ? (JSON.parse(await readFile(listFile, 'utf8')) as { identifier: { id: string } }[]) : [];
  const others = listed.filter((entry) => entry.identifier.id.toLowerCase() !== id.toLowerCase());
  others.push({
    identifier: { id },
    version: manifest.version,
    location: { $mid: 1, path: target, scheme: 'file' },
    relativeLocation,
  } as { identifier: { id: string } });
  await writeFile(listFile, JSON.stringify(others));
}

function waitForListeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (match) finish(() => resolve(Number(match[1])));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish(() => reject(new Error(`code-server exited early (code ${code}, signal ${signal})`)));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no "HTTP server listening" line within ${timeoutMs} ms`))),
      timeoutMs,
    );
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      settle();
    };
    child.stdout!.on('data', onData);
    child.on('exit', onExit);
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError})`);
}
