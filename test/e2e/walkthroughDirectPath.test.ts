import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { startRig, type Rig } from '../fixtures/rig/index';
import { Workbench } from './workbench';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Container Tools' manifest (fixture): it declares `containers.environment`, the setting that
// DOCKER_HOST goes to; VS Code refuses to write a setting that no installed extension declares.
const containerToolsFixture = path.join(repoRoot, 'test/fixtures/extensions/containers-2.0');

/**
 * The direct DOCKER_HOST path of the walkthrough, followed by clicking its buttons in a real
 * workbench (code-server + Chromium) against the rig: real sshd, ssh-agent and dockerd. Each step
 * must turn checked from the extension's real checks, and at the end the docker CLI, given the
 * DOCKER_HOST the settings file holds, lists the rig's container.
 */
describe('walkthrough: direct DOCKER_HOST path against the rig', function () {
  this.timeout(240_000);
  let rig: Rig;
  let wb: Workbench;

  const step = (id: string): Locator => wb.page.locator(`.getting-started-step[data-step-id$="#${id}"]`);
  const isChecked = async (id: string) => (await step(id).getAttribute('aria-checked')) === 'true';

  async function waitChecked(id: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await isChecked(id))) {
      if (Date.now() > deadline) {
        throw new Error(`step ${id} did not turn checked in ${timeoutMs} ms`);
      }
      await wb.page.waitForTimeout(250);
    }
    // The icon is the second signal a user sees.
    assert.equal(await step(id).locator('.codicon-getting-started-step-checked').count(), 1, `${id}: checked icon missing`);
  }

  async function clickButton(stepId: string, label: string): Promise<void> {
    await step(stepId).click();
    const button = step(stepId).locator('.monaco-button', { hasText: label });
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    await button.click();
  }

  async function pickQuickInput(label: string | RegExp): Promise<void> {
    const row = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
  }

  before(async () => {
    rig = await startRig();
    wb = await Workbench.open({
      settings: { 'remote.SSH.configFile': rig.configFile, 'workbench.colorTheme': 'Default Light Modern', 'window.commandCenter': false },
      env: { SSH_AUTH_SOCK: rig.env.SSH_AUTH_SOCK, PATH: rig.env.PATH, DOCKER_CONFIG: rig.env.DOCKER_CONFIG },
      extensionFolders: [containerToolsFixture],
      viewport: { width: 1280, height: 800 },
    });
  });

  after(async () => {
    await wb?.close();
    await rig?.stop();
  });

  it('opens the walkthrough with both paths listed before a choice', async () => {
    await wb.runCommand('Remote Docker: Open the Setup Walkthrough');
    await step('choosePath').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await step('installRemoteSsh').count(), 1);
    assert.equal(await step('configureDockerHost').count(), 1);
    assert.equal(await isChecked('choosePath'), false);
    await wb.screenshot('walkthrough-01-open');
  });

  it('choosing DOCKER_HOST checks the first step and hides the Remote-SSH steps', async () => {
    await clickButton('choosePath', 'No, use DOCKER_HOST');
    await waitChecked('choosePath');
    await step('installRemoteSsh').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await step('connect').count(), 0);
    await wb.screenshot('walkthrough-02-path-chosen');
  });

  it('choosing the rig host checks every step the rig has really done', async () => {
    await clickButton('addHost', 'Add or choose an SSH host');
    await pickQuickInput(new RegExp(`^\\s*${rig.alias}\\b`));
    for (const id of ['addHost', 'trustHost', 'generateKey', 'agentLinux', 'listIdentities', 'authorizeKey']) {
      await waitChecked(id);
    }
    assert.equal(await isChecked('configureDockerHost'), false, 'DOCKER_HOST is not written yet');
    await step('listIdentities').click();
    await wb.screenshot('walkthrough-03-host-chosen');
  });

  it('writes DOCKER_HOST into the user settings through the step button', async () => {
    await clickButton('configureDockerHost', 'Write DOCKER_HOST');
    await pickQuickInput('User settings');
    await pickQuickInput('No, settings only');
    await waitChecked('configureDockerHost');
    const settingsFile = path.join(wb.server.userDataDir, 'User', 'settings.json');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(settings['containers.environment'], { DOCKER_HOST: `ssh://${rig.alias}` });
    await wb.screenshot('walkthrough-04-docker-host-written');
  });

  it('verifies docker through ssh, and that DOCKER_HOST lists the rig\'s containers', async () => {
    await clickButton('verifyDockerHost', 'Check docker through ssh');
    await waitChecked('verifyDockerHost', 60_000);
    await wb.screenshot('walkthrough-05-verified');
    // The status bar names the host in use and shows the last checks passed.
    await wb.page.locator('.statusbar-item', { hasText: `ssh://${rig.alias}` }).waitFor({ state: 'visible', timeout: 10_000 });

    const settings = JSON.parse(readFileSync(path.join(wb.server.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, { DOCKER_HOST: string }>;
    const dockerHost = settings['containers.environment'].DOCKER_HOST;
    const ps = spawnSync('docker', ['ps', '-a', '--format', '{{.Names}}'], { env: { ...rig.env, DOCKER_HOST: dockerHost }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(ps.status, 0, ps.stderr);
    assert.ok(ps.stdout.split('\n').includes(rig.container), `docker ps through ${dockerHost} did not list ${rig.container}: ${ps.stdout}`);
  });

  it('shows every step of the direct path checked (a screenshot of each)', async () => {
    for (const id of ['choosePath', 'addHost', 'trustHost', 'generateKey', 'agentLinux', 'listIdentities', 'authorizeKey', 'configureDockerHost', 'verifyDockerHost']) {
      await step(id).click();
      assert.equal(await isChecked(id), true, `${id} is not checked`);
      await wb.screenshot(`walkthrough-step-${id}`);
    }
  });
});
