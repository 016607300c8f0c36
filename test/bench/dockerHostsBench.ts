// The Docker Hosts view's list on ssh configs of 10 and 1,000 hosts: the work behind one
// getChildren (read the config with its Includes, merge the docker contexts), in-process,
// round-robin, reported as the paired ratio 1,000 : 10. The tree view itself draws only the rows
// in sight, so this list is what grows with the config.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dockerHostList } from '../../src/core/docker/dockerHostList';
import { listConfiguredHosts } from '../../src/core/ssh/config/configFiles';

const runs = Number(process.env.BENCH_RUNS ?? 9);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const dir = mkdtempSync(path.join(tmpdir(), 'rds-bench-docker-hosts-'));
try {
  const configs: Record<number, string> = {};
  for (const size of [10, 1_000]) {
    // Half the hosts in an included file, as split configs are.
    const included = path.join(dir, `included-${size}`);
    const block = (i: number) => `Host h${i}\n    HostName 127.0.${Math.floor(i / 250)}.${(i % 250) + 1}\n`;
    writeFileSync(included, Array.from({ length: size / 2 }, (_, i) => block(i + size / 2)).join('\n'));
    configs[size] = path.join(dir, `config-${size}`);
    writeFileSync(configs[size], `Include ${included}\n\n${Array.from({ length: size / 2 }, (_, i) => block(i)).join('\n')}`);
  }
  const contexts = Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, dockerHost: `ssh://h${i}`, current: false }));
  const once = async (size: number) => {
    const started = performance.now();
    const rows = dockerHostList(await listConfiguredHosts(configs[size], { includeBase: { sshDir: dir, homeDir: dir } }), contexts);
    if (rows.length !== size) throw new Error(`expected ${size} rows, got ${rows.length}`);
    return performance.now() - started;
  };
  const samples: Record<number, number[]> = { 10: [], 1000: [] };
  await once(10);
  await once(1_000);
  for (let round = 0; round < runs; round++) {
    samples[10].push(await once(10));
    samples[1000].push(await once(1_000));
  }
  console.log(JSON.stringify({
    bench: 'docker-hosts-view-list',
    ms10: Number(median(samples[10]).toFixed(2)),
    ms1000: Number(median(samples[1000]).toFixed(2)),
    ratio1000to10: Number(median(samples[1000].map((value, round) => value / samples[10][round])).toFixed(1)),
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
