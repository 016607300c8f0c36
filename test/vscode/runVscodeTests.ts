// `npm run test:vscode`: bundles test/vscode/suite/*.test.ts and runs them with mocha inside the real
// extension host of code-server (Chromium opens the workbench with the test payload), then exits with
// the suites' code.
//
//   tsx test/vscode/runVscodeTests.ts [--grep PATTERN] [--env KEY=VALUE]... [--setting KEY=JSON]...
//       [--extension DIR]... [--workspace DIR] [--timeout SECONDS] [--bundle-only]
// --bundle-only builds dist/ and out/vscode-suites/ and stops (for .vscode/launch.json).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureExtensionBuilt } from '../harness/build';
import { bundleSuites } from '../harness/bundleSuites';
import { assertCodeServerInstalled } from '../harness/codeServer';
import { repoRoot } from '../harness/paths';
import { runVscodeSuites } from '../harness/runSuites';

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
    },
  });
  if (!values['bundle-only']) assertCodeServerInstalled();
  const started = Date.now();
  ensureExtensionBuilt();
  const extensionTestsPath = await bundleSuites(path.join(repoRoot, 'test/vscode/suite'), path.join(repoRoot, 'out/vscode-suites'));
  console.log(`[test:vscode] extension built and suites bundled in ${Date.now() - started} ms`);
  if (values['bundle-only']) return 0;
  const code = await runVscodeSuites({
    extensionTestsPath,
    grep: values.grep,
    env: keyValues(values.env, 'env', (v) => v) as NodeJS.ProcessEnv,
    settings: keyValues(values.setting, 'setting', (v) => JSON.parse(v)),
    extensionFolders: (values.extension ?? []).map((dir) => path.resolve(dir)),
    workspaceFolder: values.workspace ? path.resolve(values.workspace) : undefined,
    timeoutMs: Number(values.timeout) * 1000,
  });
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
