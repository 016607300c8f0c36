import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium, type LaunchedBrowser } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { repoRoot, remoteSshStandInPath } from './paths';
import { onExit } from './processGroups';

export interface RunSuitesOptions {
  /** The folder loaded as extensionDevelopmentPath (default: the repository). */
  extensionDevelopmentPath?: string;
  /** The bundled index.js loaded as extensionTestsPath. */
  extensionTestsPath: string;
  /** Added to code-server's environment, so to the extension host's `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** User settings for the run. */
  settings?: Record<string, unknown>;
  /** Extension folders installed next to the one under test (the Remote-SSH stand-in is always there). */
  extensionFolders?: string[];
  workspaceFolder?: string;
  /** Workspace trust on: the folder opens untrusted (restricted mode). See startCodeServer. */
  workspaceTrust?: boolean;
  /** mocha --grep inside the host. */
  grep?: string;
  /** Hard limit for the whole run, start to exit. */
  timeoutMs?: number;
  /** mocha's per-test timeout inside the host. */
  testTimeoutMs?: number;
  /** Where progress goes (default: stdout). */
  write?: (text: string) => void;
}

/**
 * Runs mocha suites inside the real extension host of code-server, driven by Chromium, and returns the
 * suites' exit code (0 all passed). Everything it starts is stopped before it returns, also on failure.
 *
 * Inputs a suite sees in `process.env`: RDS_REPO_ROOT (the repository), RDS_VSCODE_TEST_RUN_DIR (a fresh
 * scratch dir for this run), REMOTE_SSH_STAND_IN_LOG (the stand-in's JSON-lines log), plus `options.env`.
 */
export async function runVscodeSuites(options: RunSuitesOptions): Promise<number> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const runDir = await mkdtemp(path.join(tmpdir(), 'rds-vscode-run-'));
  const reportFile = path.join(runDir, 'mocha-report.txt');
  const extensionDevelopmentPath = path.resolve(options.extensionDevelopmentPath ?? repoRoot);
  const extensionTestsPath = path.resolve(options.extensionTestsPath);

  let server: CodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  let reportPrinted = 0;
  const printNewReport = (): void => {
    if (!existsSync(reportFile)) return;
    const text = readFileSync(reportFile, 'utf8');
    if (text.length > reportPrinted) {
      write(text.slice(reportPrinted));
      reportPrinted = text.length;
    }
  };
  const poller = setInterval(printNewReport, 500);
  const forgetExit = onExit(() => {
    stopLeftoverRigs(runDir, write);
    if (process.env.KEEP_TEST_DIRS !== '1') rmSync(runDir, { recursive: true, force: true });
  });

  try {
    const started = Date.now();
    server = await startCodeServer({
      workspaceFolder: options.workspaceFolder,
      workspaceTrust: options.workspaceTrust,
      settings: options.settings,
      extensionFolders: [remoteSshStandInPath, ...(options.extensionFolders ?? [])],
      env: {
        RDS_REPO_ROOT: repoRoot,
        RDS_VSCODE_TEST_RUN_DIR: runDir,
        RDS_VSCODE_TEST_REPORT: reportFile,
        RDS_VSCODE_TEST_COLOR: process.stdout.isTTY ? '1' : '0',
        RDS_VSCODE_TEST_TIMEOUT_MS: String(options.testTimeoutMs ?? 60_000),
        REMOTE_SSH_STAND_IN_LOG: path.join(runDir, 'remote-ssh-stand-in.jsonl'),
        ...(options.grep ? { RDS_VSCODE_TEST_GREP: options.grep } : {}),
        ...options.env,
      },
    });
    write(`[test:vscode] code-server ${server.origin} up in ${Date.now() - started} ms\n`);

    browser = await launchChromium();
    let reportExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (reportExit = resolve));
    // The workbench calls this when the suites end: window.codeAutomationExit(code, logs). It must be in
    // place before the page loads.
    await browser.context.exposeFunction('codeAutomationExit', (code: unknown) => {
      reportExit(typeof code === 'number' ? code : 1);
    });
    const page = await browser.context.newPage();
    const browserErrors: string[] = [];
    page.on('pageerror', (error) => browserErrors.push(error.message));
    // A suite bundle that does not load is reported only in the workbench's console.
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(message.text().slice(0, 2000));
    });
    // No result will come from a dead page: fail now instead of at the time limit.
    page.on('crash', () => {
      browserErrors.push('the page crashed');
      write('[test:vscode] the workbench page crashed\n');
      reportExit(1);
    });
    browser.browser.on('disconnected', () => reportExit(1));

    const remote = (absolute: string): string => `vscode-remote://127.0.0.1:${server!.port}${absolute}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(extensionTestsPath)],
    ]);
    await page.goto(server.workbenchUrl({ payload }), { waitUntil: 'domcontentloaded', timeout: 60_000 });

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(1000, timeoutMs - (Date.now() - started)));
    });
    const outcome = await Promise.race([exitCode, timedOut]);
    clearTimeout(timer);
    printNewReport();
    if (outcome === 'timeout') {
      write(`[test:vscode] no result within ${Math.round(timeoutMs / 1000)} s: stopping.\n`);
      if (browserErrors.length) write(`[test:vscode] browser errors:\n  ${browserErrors.join('\n  ')}\n`);
      write(tailOf(server.logFile, 'code-server log'));
      return 1;
    }
    if (outcome !== 0 && reportPrinted === 0) {
      // The host failed before mocha reported anything (e.g. the bundle did not load): show why.
      write(tailOf(server.logFile, 'code-server log'));
      write(hostLogs(server.userDataDir));
      if (browserErrors.length) write(`--- workbench console errors ---\n${browserErrors.join('\n')}\n`);
    }
    write(`[test:vscode] suites exited with ${outcome} after ${Date.now() - started} ms\n`);
    return outcome;
  } finally {
    clearInterval(poller);
    await browser?.close();
    await server?.stop();
    stopLeftoverRigs(runDir, write);
    if (process.env.KEEP_TEST_DIRS !== '1') await rm(runDir, { recursive: true, force: true });
    forgetExit();
  }
}

/**
 * Rigs a suite started (test/vscode/suite/support/rig.ts writes their state as rig-*.json in the run dir)
 * and did not stop, because the host was killed at the time limit or a suite forgot: stop them here.
 */
function stopLeftoverRigs(runDir: string, write: (text: string) => void): void {
  if (!existsSync(runDir)) return;
  for (const name of readdirSync(runDir).filter((n) => /^rig-.*\.json$/.test(n))) {
    const result = spawnSync(
      path.join(repoRoot, 'node_modules/.bin/tsx'),
      ['test/fixtures/rig/rigctl.ts', 'stop', '--state', path.join(runDir, name)],
      { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
    );
    write(`[test:vscode] stopped a rig left running by the suites (${name}): exit ${result.status}\n`);
  }
}

function tailOf(file: string, label: string, chars = 4000): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  return `--- ${label} (${file}, last ${Math.min(chars, text.length)} chars) ---\n${text.slice(-chars)}\n`;
}

/** The remote extension host's own log, where load errors of the suites end up. */
function hostLogs(userDataDir: string): string {
  const logsDir = path.join(userDataDir, 'logs');
  if (!existsSync(logsDir)) return '';
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/remoteexthost\.log$|exthost\.log$/.test(name)) found.push(full);
    }
  };
  walk(logsDir);
  return found.map((file) => tailOf(file, 'extension host log')).join('');
}
