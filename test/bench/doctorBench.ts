/**
 * How close the doctor gets to the floor of its path (issue 14: remote-ssh <= 1.15, docker-host <= 1.3).
 * On one loopback rig, round-robin (A B A B …) so machine load hits every variant alike; each doctor
 * run is divided by its own path's floor measured in the same round (a paired ratio):
 *   floor                                   one `ssh -F cfg ALIAS docker version` (the remote-ssh path's floor)
 *   doctor remote-ssh                       the full doctor in-process (what the extension runs), all checks of the path
 *   docker floor                            one `docker -H ssh://ALIAS version` (the docker-host path's floor)
 *   doctor docker-host                      the same for the docker-host path (the rig's config: StrictHostKeyChecking yes)
 *   doctor docker-host ask                  the same with ssh's default StrictHostKeyChecking ask, as most users have it
 *   cli remote-ssh / cli docker-host        `node dist/cli.js doctor …`: node startup and bundle load included
 *   naive                                   each remote check as its own ssh call, one after another
 *   one-script                              the doctor's remote part alone: one ssh running the probe script
 *   control-master                          the alternative: a ControlMaster, then one multiplexed ssh per remote check
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRig } from '../fixtures/rig/index';
import { writeSshWrapper } from '../fixtures/rig/clientSide';
import { runDoctor } from '../../src/core/doctor/doctor';
import { runProcess } from '../../src/core/runner';
import { remoteProbeScript } from '../../src/core/doctor/remoteProbe';

const runs = Number(process.env.BENCH_RUNS ?? 9);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timeIt(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function mustSucceed(result: { exitCode: number | undefined; stderr: string; command: string }): void {
  if (result.exitCode !== 0) throw new Error(`${result.command} failed: ${result.stderr}`);
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(repoRoot, 'dist/cli.js');
// Always a fresh build: a stale dist/cli.js would time other code.
if (spawnSync('npx', ['webpack', '--mode', 'production'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) throw new Error('the build failed');

const rigStarted = performance.now();
const rig = await startRig();
const rigUpMs = performance.now() - rigStarted;
const env = rig.env;
const ssh = (...command: string[]) => runProcess('ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '--', rig.alias, ...command], { timeoutMs: 20_000, env });

// The user's usual config: no StrictHostKeyChecking line, so ssh's default `ask`. The docker CLI's
// ssh reads it through a wrapper first on PATH, as the rig's own env does with the rig's config.
const askDir = mkdtempSync(join(tmpdir(), 'rds-bench-ask-'));
const askConfig = join(askDir, 'ssh_config');
writeFileSync(askConfig, readFileSync(rig.configFile, 'utf8').replace(/^\s*StrictHostKeyChecking yes\n/gm, ''));
mkdirSync(join(askDir, 'bin'));
writeSshWrapper(join(askDir, 'bin', 'ssh'), '/usr/bin/ssh', askConfig);
const askEnv = { ...env, PATH: `${join(askDir, 'bin')}:${env.PATH}` };

const doctorCli = async (path: string) => mustSucceed(await runProcess(process.execPath, [cli, 'doctor', rig.alias, '--path', path, '--config', rig.configFile], { timeoutMs: 20_000, env }));

// In round order: each doctor right after its floor.
const variants: Record<string, () => Promise<void>> = {
  floor: async () => mustSucceed(await ssh('docker', 'version')),
  'doctor remote-ssh': async () => {
    const report = await runDoctor({ target: rig.alias, path: 'remote-ssh', configFile: rig.configFile, env });
    if (!report.ok) throw new Error('doctor failed');
  },
  'docker floor': async () => mustSucceed(await runProcess('docker', ['-H', `ssh://${rig.alias}`, 'version'], { timeoutMs: 20_000, env })),
  'doctor docker-host': async () => {
    const report = await runDoctor({ target: rig.alias, path: 'docker-host', configFile: rig.configFile, env });
    if (!report.ok) throw new Error(`doctor failed: ${JSON.stringify(report.checks.filter((check) => check.status !== 'pass'))}`);
  },
  'doctor docker-host ask': async () => {
    const report = await runDoctor({ target: rig.alias, path: 'docker-host', configFile: askConfig, env: askEnv });
    if (!report.ok) throw new Error(`doctor failed: ${JSON.stringify(report.checks.filter((check) => check.status !== 'pass'))}`);
  },
  'cli remote-ssh': () => doctorCli('remote-ssh'),
  'cli docker-host': () => doctorCli('docker-host'),
  naive: async () => {
    mustSucceed(await runProcess('ssh-keyscan', ['-p', String(rig.port), '-t', 'ed25519', '--', '127.0.0.1'], { timeoutMs: 20_000, env }));
    mustSucceed(await ssh('true'));
    mustSucceed(await ssh('command', '-v', 'docker'));
    mustSucceed(await ssh('docker', 'version'));
    mustSucceed(await runProcess('docker', ['-H', `ssh://${rig.alias}`, 'version'], { timeoutMs: 20_000, env }));
  },
  'one-script': async () => {
    const result = await runProcess('ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-T', '--', rig.alias, '/bin/sh', '-s'], { timeoutMs: 20_000, env, input: remoteProbeScript });
    mustSucceed(result);
    if (!result.stdout.includes('rds-probe:end')) throw new Error('probe incomplete');
  },
  'control-master': async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rds-bench-cm-'));
    const control = ['-o', `ControlPath=${join(dir, 'cm')}`];
    try {
      mustSucceed(await runProcess('ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', '-o', 'ControlMaster=yes', '-o', 'ControlPersist=5', ...control, '--', rig.alias, 'true'], { timeoutMs: 20_000, env }));
      const viaMaster = (...command: string[]) => runProcess('ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', '-o', 'ControlMaster=no', ...control, '--', rig.alias, ...command], { timeoutMs: 20_000, env });
      // The same remote work as the probe script, one multiplexed session per check, concurrently.
      const results = await Promise.all([viaMaster('id', '-un'), viaMaster('id', '-Gn'), viaMaster('command', '-v', 'docker'), viaMaster('docker', 'version')]);
      results.forEach(mustSucceed);
      await runProcess('ssh', ['-F', rig.configFile, ...control, '-O', 'exit', '--', rig.alias], { timeoutMs: 5000, env });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
try {
  // One warm-up round: first runs pay for page cache and tsx compilation.
  for (const work of Object.values(variants)) await work();
  for (let round = 0; round < runs; round++) {
    for (const [name, work] of Object.entries(variants)) samples[name].push(await timeIt(work));
  }
} finally {
  const downStarted = performance.now();
  await rig.stop();
  rmSync(askDir, { recursive: true, force: true });
  const rigDownMs = performance.now() - downStarted;
  const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  const floor = medians.floor;
  const floorOf = (name: string) => (name.includes('docker-host') ? medians['docker floor'] : floor);
  process.stdout.write(`remote-docker-ssh bench: medians of ${runs} runs on the loopback rig (${new Date().toISOString()})\n\n`);
  for (const [name, value] of Object.entries(medians)) {
    const ratio = name.endsWith('floor') || !Number.isFinite(value) ? '' : `  ${(value / floorOf(name)).toFixed(2)} x floor`;
    process.stdout.write(`  ${name.padEnd(24)} ${value.toFixed(0).padStart(6)} ms${ratio}   [${samples[name].map((v) => v.toFixed(0)).join(' ')}]\n`);
  }
  // Paired: each run divided by its floor measured in the same round, moments apart. Other
  // processes' load shifts both alike, so this is steadier on a shared machine than a ratio of medians.
  const pairedRatios = (name: string, floorName: string) => samples[name].map((value, round) => value / samples[floorName][round]);
  const paired = (name: string, floorName = 'floor') => median(pairedRatios(name, floorName));
  const spread = (name: string, floorName: string) => {
    const ratios = pairedRatios(name, floorName).sort((a, b) => a - b);
    return `${ratios[0].toFixed(2)}..${ratios[ratios.length - 1].toFixed(2)}`;
  };
  process.stdout.write(`\n  paired ratios to the path's floor: median [min..max of ${runs} rounds]\n`);
  process.stdout.write(`  doctor/floor (remote-ssh)  = ${paired('doctor remote-ssh').toFixed(2)}  [${spread('doctor remote-ssh', 'floor')}]   goal <= 1.15 (floor: ssh ALIAS docker version)\n`);
  process.stdout.write(`  doctor/floor (docker-host) = ${paired('doctor docker-host', 'docker floor').toFixed(2)}  [${spread('doctor docker-host', 'docker floor')}]   goal <= 1.3 (floor: docker -H ssh://ALIAS version)\n`);
  process.stdout.write(`  doctor/floor (docker-host, StrictHostKeyChecking ask, the default) = ${paired('doctor docker-host ask', 'docker floor').toFixed(2)}  [${spread('doctor docker-host ask', 'docker floor')}]   goal <= 1.3\n`);
  process.stdout.write(`  cli/floor (remote-ssh)     = ${paired('cli remote-ssh').toFixed(2)}  [${spread('cli remote-ssh', 'floor')}]   (node startup and bundle load included)\n`);
  process.stdout.write(`  cli/floor (docker-host)    = ${paired('cli docker-host', 'docker floor').toFixed(2)}  [${spread('cli docker-host', 'docker floor')}]\n`);
  process.stdout.write(`  naive/floor                = ${(medians.naive / floor).toFixed(2)}  [${paired('naive').toFixed(2)}]\n`);
  process.stdout.write(`  one-script/floor           = ${(medians['one-script'] / floor).toFixed(2)}   vs control-master/floor = ${(medians['control-master'] / floor).toFixed(2)} (same remote work)\n`);
  process.stdout.write(`  load average ${loadavg().map((value) => value.toFixed(1)).join(' ')} on ${cpus().length} CPUs\n`);
  process.stdout.write(`\n  rig up ${rigUpMs.toFixed(0)} ms, rig down ${rigDownMs.toFixed(0)} ms\n`);
}
