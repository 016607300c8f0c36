// `hosts list` and `hosts add` of the built CLI on configs of 10, 1,000 and 10,000 hosts (goal:
// <= 400 ms each at 10,000), timed as whole processes, round-robin with `node -e 0` (the floor
// every CLI run pays for node itself). Runs after extensionBench.ts, which builds dist/.
// `hosts add` runs its `ssh -G` check, so every run is in a loopback-only network namespace.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoopbackOnly } from '../fixtures/netns/loopbackOnly';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repoRoot, 'dist/cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 9);
const sizes = [10, 1_000, 10_000];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function configOf(hosts: number): string {
  const blocks = Array.from({ length: hosts }, (_, i) => `Host h${i} h${i}.lan\n    HostName 127.0.${Math.floor(i / 250)}.${(i % 250) + 1}\n    User u${i}\n`);
  return `${blocks.join('\n')}\nHost *\n    ServerAliveInterval 30\n`;
}

async function timed(args: string[]): Promise<number> {
  const [file, ...rest] = args;
  const result = await runLoopbackOnly(file, rest, { timeoutMs: 60_000 });
  if (result.exitCode !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return result.durationMs;
}

const dir = mkdtempSync(path.join(tmpdir(), 'rds-bench-hosts-'));
try {
  for (const size of sizes) {
    const original = path.join(dir, `config-${size}`);
    const working = path.join(dir, `config-${size}.work`);
    writeFileSync(original, configOf(size));
    copyFileSync(original, working);
    const variants: Record<string, () => Promise<number>> = {
      floor: () => timed([process.execPath, '-e', '0']),
      list: () => timed([process.execPath, cli, 'hosts', 'list', '--config', original]),
      add: () => {
        copyFileSync(original, working);
        return timed([process.execPath, cli, 'hosts', 'add', 'bench-new', '--hostname', '127.0.0.1', '--config', working]);
      },
    };
    const samples: Record<string, number[]> = { floor: [], list: [], add: [] };
    for (const work of Object.values(variants)) await work();
    for (let round = 0; round < runs; round++) {
      for (const [name, work] of Object.entries(variants)) samples[name].push(await work());
    }
    const paired = (name: string) => median(samples[name].map((value, round) => value - samples.floor[round]));
    console.log(JSON.stringify({
      bench: 'hosts-cli',
      hosts: size,
      listMs: Math.round(median(samples.list)),
      addMs: Math.round(median(samples.add)),
      nodeFloorMs: Math.round(median(samples.floor)),
      listAboveFloorMs: Math.round(paired('list')),
      addAboveFloorMs: Math.round(paired('add')),
      goalMs: size === 10_000 ? 400 : undefined,
    }));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
