// Bench: the seconds from the DOCKER_HOST write to the real Docker extension listing the rig's container
// in its own Containers view, for each real generation (../shared/vendor/docker-extensions), paired:
//   - withRefresh: "Write DOCKER_HOST into the Docker Settings" (it runs the generation's refresh commands);
//   - withoutRefresh: the same values written into the settings file by hand, so only the extension's own
//     polling can bring the row (Container Tools and Docker 1.29 poll every 60 s; Docker 1.22 every
//     docker.explorerRefreshInterval).
// One JSON line per generation with both times and their ratio. Each sample is a fresh workbench.
//   tsx test/bench/dockerViewBench.ts   (BENCH_DOCKER_VIEW_RUNS=N, default 1)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startRig, type Rig } from '../fixtures/rig/index';
import { ensureVsixPackaged } from '../harness/build';
import {
  assertRealDockerExtensionsPresent,
  containerRow,
  openWithRealDockerExtension,
  realDockerGenerations,
  showContainersView,
  writeDockerHostThroughCommand,
  type RealDockerGeneration,
} from '../e2e/realDockerExtensions';
import type { Workbench } from '../e2e/workbench';

const runs = Math.max(1, Number(process.env.BENCH_DOCKER_VIEW_RUNS ?? 1));
// Longer than the slowest poll (60 s) with room for a loaded machine.
const listedWithinMs = 150_000;

/** What configureDockerHost writes for this generation (its own test checks that it does). */
function valuesFor(generation: RealDockerGeneration, rig: Rig): Record<string, unknown> {
  if (generation.dockerHostKey === 'docker.host') {
    return { 'docker.host': `ssh://${rig.user}@${rig.host}:${rig.port}`, 'docker.explorerRefreshInterval': 3000 };
  }
  return { [generation.dockerHostKey]: { DOCKER_HOST: `ssh://${rig.alias}` } };
}

/**
 * Writes the values the way a user editing settings.json does: into the remote (machine) settings file
 * of code-server's extension host, where the command's write of these machine-overridable keys lands
 * too, and which the workbench re-reads when it changes.
 */
function writeByHand(wb: Workbench, values: Record<string, unknown>): number {
  const file = path.join(wb.server.userDataDir, 'Machine', 'settings.json');
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8') || '{}') as Record<string, unknown>) : {};
  writeFileSync(file, JSON.stringify({ ...current, ...values }, null, 2));
  return Date.now();
}

async function sample(generation: RealDockerGeneration, rig: Rig, refresh: boolean): Promise<number> {
  const wb = await openWithRealDockerExtension(generation, rig);
  try {
    await showContainersView(wb, generation);
    // The view has asked the (absent) local engine once and shows that failure, as a user's would.
    await wb.page.waitForTimeout(5000);
    if ((await containerRow(wb, rig.container).count()) !== 0) throw new Error(`${generation.name}: ${rig.container} listed before the write`);
    const writtenAt = refresh ? await writeDockerHostThroughCommand(wb, rig.alias) : writeByHand(wb, valuesFor(generation, rig));
    await containerRow(wb, rig.container).waitFor({ state: 'visible', timeout: listedWithinMs });
    return (Date.now() - writtenAt) / 1000;
  } finally {
    await wb.close();
  }
}

assertRealDockerExtensionsPresent();
ensureVsixPackaged();
const rig = await startRig();
try {
  for (const generation of realDockerGenerations) {
    const withRefresh: number[] = [];
    const withoutRefresh: number[] = [];
    for (let i = 0; i < runs; i++) {
      withRefresh.push(await sample(generation, rig, true));
      withoutRefresh.push(await sample(generation, rig, false));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    console.log(
      JSON.stringify({
        bench: 'docker-view-listed-after-write-s',
        generation: generation.name,
        codeServer: generation.codeServerVersion,
        runs,
        withRefreshS: +median(withRefresh).toFixed(1),
        withoutRefreshS: +median(withoutRefresh).toFixed(1),
        ratioWithoutToWith: +(median(withoutRefresh) / median(withRefresh)).toFixed(1),
      }),
    );
  }
} finally {
  await rig.stop();
}
