import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
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

/** Stale when missing or when an input changed after the newest of `outputs` (the first must exist). */
function isStale(outputs: string[], inputs: string[]): boolean {
  if (!existsSync(outputs[0])) return true;
  const built = Math.max(...outputs.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs));
  return inputs.some((input) => newestMtime(path.join(repoRoot, input)) > built);
}

function npmRun(script: string): void {
  console.log(`[harness] npm run ${script}`);
  const result = spawnSync('npm', ['run', script], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status ?? result.signal})`);
}

const bundleInputs = ['src', 'package.json', 'webpack.config.js', 'tsconfig.json'];
const packageInputs = [...bundleInputs, 'package.nls.json', 'l10n', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore'];

/** dist/extension.js, built now if missing or older than its sources. */
export function ensureExtensionBuilt(): void {
  const bundle = path.join(repoRoot, 'dist/extension.js');
  // `npm run package` builds first: a VSIX newer than the sources means dist/ is built from them too.
  if (!isStale([bundle, vsixPath], bundleInputs)) return;
  npmRun('build');
  // webpack leaves an unchanged output file untouched, which would look stale forever after.
  const now = new Date();
  utimesSync(bundle, now, now);
}

/** remote-docker-ssh.vsix, packaged now if missing or older than what goes into it. */
export function ensureVsixPackaged(): string {
  if (isStale([vsixPath], packageInputs)) npmRun('package');
  return vsixPath;
}
