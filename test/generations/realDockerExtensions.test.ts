import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startRig, type Rig } from '../fixtures/rig/index';
import {
  assertRealDockerExtensionsPresent,
  containerRow,
  openWithRealDockerExtension,
  realDockerGenerations,
  showContainersView,
  writeDockerHostThroughCommand,
} from '../e2e/realDockerExtensions';
import type { Workbench } from '../e2e/workbench';

/**
 * Each real Docker extension generation, installed from its VSIX in a real workbench, lists the rig's
 * container `rig-idle` in its own Containers view after "Write DOCKER_HOST into the Docker Settings"
 * wrote the setting that generation reads. Nothing else points it at the rig: without the write it
 * would look for a local engine, which this machine does not run.
 */
describe('the real Docker extensions list the rig\'s container through what configureDockerHost writes', function () {
  this.timeout(300_000);
  let rig: Rig;

  before(async () => {
    assertRealDockerExtensionsPresent();
    rig = await startRig();
  });
  after(async () => {
    await rig?.stop();
  });

  for (const generation of realDockerGenerations) {
    describe(`${generation.name} on code-server ${generation.codeServerVersion}`, () => {
      let wb: Workbench | undefined;
      const shot = (step: string) => `generations-${generation.name.replace(/\W+/g, '-')}-${step}`;

      before(async () => {
        wb = await openWithRealDockerExtension(generation, rig);
      });
      afterEach(async function () {
        if (this.currentTest?.state === 'failed' && wb) await wb.screenshot(shot('FAILED')).catch(() => undefined);
      });
      after(async () => {
        await wb?.close();
      });

      it('lists rig-idle in its Containers view after the write, without waiting for its own poll', async () => {
        await showContainersView(wb!, generation);
        assert.equal(await containerRow(wb!, rig.container).count(), 0, 'rig-idle is listed before DOCKER_HOST is written');
        await wb!.screenshot(shot('1-before-write'));

        const writtenAt = await writeDockerHostThroughCommand(wb!, rig.alias);
        const written = dockerSetting(wb!, generation.dockerHostKey);
        const expected = generation.dockerHostKey === 'docker.host' ? `ssh://${rig.user}@${rig.host}:${rig.port}` : { DOCKER_HOST: `ssh://${rig.alias}` };
        assert.deepEqual(written, expected, `${generation.dockerHostKey} after the command`);

        // 30 s: half the 60 s poll of Container Tools and Docker 1.29, so only the refresh after the write
        // can bring the row in time (Docker 1.22 polls every docker.explorerRefreshInterval, 3 s as written).
        await containerRow(wb!, rig.container).waitFor({ state: 'visible', timeout: 30_000 });
        const seconds = (Date.now() - writtenAt) / 1000;
        console.log(`      ${generation.name}: rig-idle listed ${seconds.toFixed(1)} s after the write`);
        await wb!.screenshot(shot('2-listed'));
      });
    });
  }
});

/** The value in the settings file VS Code really wrote it to (Machine for machine-overridable keys in code-server). */
function dockerSetting(wb: Workbench, key: string): unknown {
  for (const scope of ['Machine', 'User']) {
    const file = path.join(wb.server.userDataDir, scope, 'settings.json');
    if (!existsSync(file)) continue;
    const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (key in settings) return settings[key];
  }
  return undefined;
}
