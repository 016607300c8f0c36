// Bench figures of the VS Code side, printed as JSON lines (`npm run bench` runs this file):
//   - the size of the production bundle: dist/extension.js, which activation loads, and the lazily
//     loaded dist/chunks/*.js (the commands' code), each and in total (built fresh);
//   - what the split buys: node's time to load dist/extension.js, paired with a one-file build of the
//     same sources (webpack's LimitChunkCountPlugin folds the chunks back in), median of BENCH_LOAD_RUNS;
//   - the time activate() takes in the real extension host (code-server), median of RUNS starts.
//   tsx test/bench/extensionBench.ts   (BENCH_EXTENSION_RUNS=N, default 3; BENCH_LOAD_RUNS=N, default 21)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import { gzipSync } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Math.max(1, Number(process.env.BENCH_EXTENSION_RUNS ?? 3));
const loadRuns = Math.max(1, Number(process.env.BENCH_LOAD_RUNS ?? 21));

function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(file, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  if (result.status !== 0) {
    throw new Error(`${file} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

// Always a fresh production build: a stale or development bundle would give a wrong size.
run('npx', ['webpack', '--mode', 'production']);
function sizeOf(files: string[]): { bytes: number; kib: number; gzipKib: number } {
  const bytes = files.reduce((sum, file) => sum + statSync(path.join(repoRoot, file)).size, 0);
  const gzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(repoRoot, file))).length, 0);
  return { bytes, kib: +(bytes / 1024).toFixed(1), gzipKib: +(gzipBytes / 1024).toFixed(1) };
}
const chunks = readdirSync(path.join(repoRoot, 'dist/chunks'))
  .filter((name) => name.endsWith('.js'))
  .map((name) => `dist/chunks/${name}`);
// The goal (issue 14) is on the file activation loads; the lazy part and the total are printed beside it.
console.log(JSON.stringify({ bench: 'bundle-size', file: 'dist/extension.js', loaded: 'at activation', ...sizeOf(['dist/extension.js']) }));
for (const chunk of chunks) {
  console.log(JSON.stringify({ bench: 'bundle-size', file: chunk, loaded: 'when the first command runs', ...sizeOf([chunk]) }));
}
console.log(JSON.stringify({ bench: 'bundle-size', file: 'total shipped', files: ['dist/extension.js', ...chunks], ...sizeOf(['dist/extension.js', ...chunks]) }));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The production build of the same sources as one file, as the extension was before the split. */
async function buildOneFile(outDir: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const configOf = require(path.join(repoRoot, 'webpack.config.js')) as (env: unknown, argv: { mode: string }) => webpack.Configuration;
  const config = configOf({}, { mode: 'production' });
  const stats = await new Promise<webpack.Stats | undefined>((resolve, reject) =>
    webpack(
      {
        ...config,
        context: repoRoot,
        entry: { extension: path.join(repoRoot, 'src/extension.ts') },
        output: { ...config.output, path: outDir },
        devtool: false,
        plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
  if (!stats || stats.hasErrors()) throw new Error(`the one-file build failed: ${stats?.toString('errors-only')}`);
  return path.join(outDir, 'extension.js');
}

function loadMs(bundle: string): number {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'test/bench/loadBundle.mjs'), bundle], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loading ${bundle} failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { loadMs: number }).loadMs;
}

const samples: number[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'rds-bench-'));
try {
  const oneFile = await buildOneFile(path.join(dir, 'one-file'));
  const split = path.join(repoRoot, 'dist/extension.js');
  const splitMs: number[] = [];
  const oneFileMs: number[] = [];
  // Paired, alternating: a load on the machine shifts both alike.
  for (let i = 0; i < loadRuns; i++) {
    splitMs.push(loadMs(split));
    oneFileMs.push(loadMs(oneFile));
  }
  console.log(
    JSON.stringify({
      bench: 'bundle-load-ms',
      what: 'node loads dist/extension.js (split) vs the same sources as one file',
      runs: loadRuns,
      oneFileBytes: statSync(oneFile).size,
      splitMedianMs: +median(splitMs).toFixed(2),
      oneFileMedianMs: +median(oneFileMs).toFixed(2),
      pairedRatio: +median(splitMs.map((ms, round) => ms / oneFileMs[round])).toFixed(2),
    }),
  );

  for (let i = 0; i < runs; i++) {
    const out = path.join(dir, `activation-${i}.json`);
    run(process.execPath, ['--import', 'tsx', 'test/vscode/runVscodeTests.ts', '--grep', 'activation time for the bench', '--env', `RDS_BENCH_OUT=${out}`]);
    samples.push((JSON.parse(readFileSync(out, 'utf8')) as { activationMs: number }).activationMs);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ bench: 'activate-ms', host: 'code-server 4.100.3 extension host', runs, medianMs: +median(samples).toFixed(2), samplesMs: [...samples].sort((a, b) => a - b).map((s) => +s.toFixed(2)) }));
