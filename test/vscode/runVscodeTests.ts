// `npm run test:vscode`: bundles test/vscode/suite/*.test.ts and runs them with mocha inside a real
// extension host, through @vscode/test-electron's runTests, then exits with the suites' code.
//   - Here (no download possible): vscodeExecutablePath is test/vscode/bin/code, which runs the
//     suites in code-server with Chromium (test/vscode/codeServerAsVscode.ts).
//   - With --desktop (or RDS_VSCODE=desktop), where desktop VS Code can be downloaded: runTests
//     downloads it (stable, or --vscode-version) and runs the same bundle there, unchanged.
//
//   tsx test/vscode/runVscodeTests.ts [--grep PATTERN] [--env KEY=VALUE]... [--setting KEY=JSON]...
//       [--extension DIR]... [--workspace DIR] [--timeout SECONDS] [--bundle-only]
//       [--desktop [--vscode-version VERSION]]
// --bundle-only builds dist/ and out/vscode-suites/ and stops (for .vscode/launch.json).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { ensureExtensionBuilt } from '../harness/build';
import { bundleSuites } from '../harness/bundleSuites';
import { assertCodeServerInstalled } from '../harness/codeServer';
import { remoteSshStandInPath, repoRoot } from '../harness/paths';

/** What stands in for the `code` executable here; the env var names another launcher. */
const launcher = process.env.RDS_VSCODE_EXECUTABLE ?? path.join(repoRoot, 'test/vscode/bin/code');

function keyValues(pairs: string[] | undefined, what: string, parse: (v: string) => unknown): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--${what} wants KEY=VALUE, got "${pair}"`);
    result[pair.slice(0, at)] = parse(pair.slice(at + 1));
  }
  return result;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      grep: { type: 'string' },
      env: { type: 'string', multiple: true },
      setting: { type: 'string', multiple: true },
      extension: { type: 'string', multiple: true },
      workspace: { type: 'string' },
      timeout: { type: 'string', default: '600' },
      'bundle-only': { type: 'boolean', default: false },
      desktop: { type: 'boolean', default: process.env.RDS_VSCODE === 'desktop' },
      'vscode-version': { type: 'string', default: 'stable' },
    },
  });
  const desktop = values.desktop;
  if (!values['bundle-only'] && !desktop) assertCodeServerInstalled();
  const started = Date.now();
  ensureExtensionBuilt();
  const extensionTestsPath = await bundleSuites(path.join(repoRoot, 'test/vscode/suite'), path.join(repoRoot, 'out/vscode-suites'));
  console.log(`[test:vscode] extension built and suites bundled in ${Date.now() - started} ms`);
  if (values['bundle-only']) return 0;
  // Everything a run needs goes through runTests' own arguments, so the launcher here and desktop
  // VS Code get the same: extra extensions as more --extensionDevelopmentPath, settings in the
  // --user-data-dir's User/settings.json, the rest in the environment of the extension host.
  const runDir = mkdtempSync(path.join(tmpdir(), 'rds-vscode-tests-'));
  const userDataDir = path.join(runDir, 'user-data');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(keyValues(values.setting, 'setting', (v) => JSON.parse(v)), null, 2));
  const extensionTestsEnv: NodeJS.ProcessEnv = {
    // Desktop VS Code has no harness to set these (code-server's harness sets its own and wins).
    RDS_REPO_ROOT: repoRoot,
    RDS_VSCODE_TEST_RUN_DIR: runDir,
    REMOTE_SSH_STAND_IN_LOG: path.join(runDir, 'remote-ssh-stand-in.jsonl'),
    RDS_VSCODE_HARNESS_TIMEOUT_MS: String(Number(values.timeout) * 1000),
    ...(values.grep ? { RDS_VSCODE_TEST_GREP: values.grep } : {}),
    ...(keyValues(values.env, 'env', (v) => v) as NodeJS.ProcessEnv),
  };
  let code: number;
  try {
    code = await runTests({
      ...(desktop ? { version: values['vscode-version'] } : { vscodeExecutablePath: launcher }),
      extensionDevelopmentPath: [repoRoot, remoteSshStandInPath, ...(values.extension ?? []).map((dir) => path.resolve(dir))],
      extensionTestsPath,
      launchArgs: [...(values.workspace ? [path.resolve(values.workspace)] : []), `--user-data-dir=${userDataDir}`],
      extensionTestsEnv,
    });
  } catch (error) {
    // runTests rejects with TestRunFailedError when the executable exits non-zero.
    const exit = (error as { code?: unknown }).code;
    if (typeof exit !== 'number') throw error;
    code = exit;
  } finally {
    if (process.env.KEEP_TEST_DIRS !== '1') rmSync(runDir, { recursive: true, force: true });
  }
  console.log(`[test:vscode] ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[test:vscode] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
