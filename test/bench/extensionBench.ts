// Bench figures of the VS Code side, printed as JSON lines (`npm run bench` runs this file):
//   - the size of the production bundle dist/extension.js (built now if missing or stale);
//   - the time activate() takes in the real extension host (code-server), median of RUNS starts.
//   tsx test/bench/extensionBench.ts   (BENCH_EXTENSION_RUNS=N, default 3)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Math.max(1, Number(process.env.BENCH_EXTENSION_RUNS ?? 3));

function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(file, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  if (result.status !== 0) {
    throw new Error(`${file} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

// Always a fresh production build: a stale or development bundle would give a wrong size.
run('npx', ['webpack', '--mode', 'production']);
const bundle = path.join(repoRoot, 'dist/extension.js');
const bytes = statSync(bundle).size;
const gzipBytes = gzipSync(readFileSync(bundle)).length;
console.log(JSON.stringify({ bench: 'bundle-size', file: 'dist/extension.js', bytes, kib: +(bytes / 1024).toFixed(1), gzipKib: +(gzipBytes / 1024).toFixed(1) }));

const samples: number[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'rds-bench-'));
try {
  for (let i = 0; i < runs; i++) {
    const out = path.join(dir, `activation-${i}.json`);
    run(process.execPath, ['--import', 'tsx', 'test/vscode/runVscodeTests.ts', '--grep', 'activation time for the bench', '--env', `RDS_BENCH_OUT=${out}`]);
    samples.push((JSON.parse(readFileSync(out, 'utf8')) as { activationMs: number }).activationMs);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
console.log(JSON.stringify({ bench: 'activate-ms', host: 'code-server 4.100.3 extension host', runs, medianMs: +median.toFixed(2), samplesMs: samples.map((s) => +s.toFixed(2)) }));
