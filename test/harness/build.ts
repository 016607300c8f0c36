import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, vsixPath } from './paths';

// The editor layers test what `npm run build` / `npm run package` produce. Rebuild only when a source
// is newer than the output, so `npm test` (which packages first) does not build twice, and a lone
// `npm run test:vscode` never runs against a stale bundle.

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

function isStale(output: string, inputs: string[]): boolean {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return inputs.some((input) => newestMtime(path.join(repoRoot, input)) > built);
}

function npmRun(script: string): void {
  console.log(`[harness] npm run ${script}`);
  const result = spawnSync('npm', ['run', script], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status ?? result.signal})`);
}

const bundleInputs = ['src', 'package.json', 'webpack.config.js', 'tsconfig.json'];
const packageInputs = [...bundleInputs, 'walkthroughs', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore'];

/** dist/extension.js, built now if missing or older than its sources. */
export function ensureExtensionBuilt(): void {
  if (isStale(path.join(repoRoot, 'dist/extension.js'), bundleInputs)) npmRun('build');
}

/** remote-docker-ssh.vsix, packaged now if missing or older than what goes into it. */
export function ensureVsixPackaged(): string {
  if (isStale(vsixPath, packageInputs)) npmRun('package');
  return vsixPath;
}
