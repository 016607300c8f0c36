/**
 * issue 14 item 1: what connection reuse buys the Docker explorer. One explorer refresh is the four
 * docker calls it makes (`ps -a`, `images`, `volume ls`, `network ls`) through `docker -H ssh://ALIAS`,
 * against the loopback rig, without and with the lines `hosts reuse` writes. A and B alternate in
 * each round (A B A B …), and the ratio is the median of the per-round ratios. Goal: <= 0.2.
 */
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRig } from '../fixtures/rig/index';
import { loopbackOnlySshPath } from '../fixtures/netns/loopbackOnly';
import { runProcess } from '../../src/core/runner';
import { addConnectionReuse } from '../../src/core/ssh/connectionReuse';
import { closeMaster } from '../../src/core/ssh/controlMaster';
import { parseDoctorTarget } from '../../src/core/ssh/doctorTarget';

const runs = Number(process.env.BENCH_RUNS ?? 9);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const rig = await startRig();
const work = mkdtempSync('/tmp/rds-bench-reuse-');
const netnsBin = await loopbackOnlySshPath();
const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** An env whose plain `ssh` (the one docker runs) reads `config`. */
function envFor(name: string, config: string): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(work, `${name}-bin-`));
  writeFileSync(join(dir, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${quote(config)} "$@"\n`);
  chmodSync(join(dir, 'ssh'), 0o755);
  return { ...rig.env, PATH: `${dir}:${rig.env.PATH}` };
}

const reuseConfig = join(work, 'config-reuse');
copyFileSync(rig.configFile, reuseConfig);
const plainEnv = envFor('plain', rig.configFile);
const reuseEnv = envFor('reuse', reuseConfig);

async function refresh(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  for (const args of [['ps', '-a'], ['images'], ['volume', 'ls'], ['network', 'ls']]) {
    const result = await runProcess('docker', ['-H', `ssh://${rig.alias}`, ...args], { timeoutMs: 30_000, env });
    if (result.exitCode !== 0) throw new Error(`docker ${args.join(' ')} failed: ${result.stderr}`);
  }
  return performance.now() - started;
}

const without: number[] = [];
const withReuse: number[] = [];
let first = Number.NaN;
try {
  const added = await addConnectionReuse(reuseConfig, rig.alias, { controlDir: join(work, 'cm'), sshConfigFile: reuseConfig, env: { ...rig.env, PATH: `${netnsBin}:${rig.env.PATH}` } });
  if (!added.effective) throw new Error(`reuse not effective: ${added.problems.join('; ')}`);
  await refresh(plainEnv); // warm-up: page cache, the docker binary
  first = await refresh(reuseEnv); // opens the master
  for (let round = 0; round < runs; round++) {
    without.push(await refresh(plainEnv));
    withReuse.push(await refresh(reuseEnv));
  }
} finally {
  await closeMaster(parseDoctorTarget(rig.alias), reuseConfig, { env: rig.env });
  await rig.stop();
  rmSync(work, { recursive: true, force: true });
  rmSync(netnsBin, { recursive: true, force: true });
}
const paired = median(withReuse.map((value, round) => value / without[round]));
process.stdout.write(`\nexplorer refresh (ps -a, images, volume ls, network ls), medians of ${runs} paired rounds\n`);
process.stdout.write(`  without reuse ${median(without).toFixed(0).padStart(6)} ms   [${without.map((v) => v.toFixed(0)).join(' ')}]\n`);
process.stdout.write(`  with reuse    ${median(withReuse).toFixed(0).padStart(6)} ms   [${withReuse.map((v) => v.toFixed(0)).join(' ')}]   (first, opening the connection: ${first.toFixed(0)} ms)\n`);
process.stdout.write(`  refresh with/without reuse (paired) = ${paired.toFixed(2)}   goal <= 0.2\n`);
