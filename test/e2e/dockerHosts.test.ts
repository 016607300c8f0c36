import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { startRig, type Rig } from '../fixtures/rig/index';
import { Workbench } from './workbench';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Container Tools' manifest (fixture): it declares containers.environment, which VS Code must know to write it.
const containerToolsFixture = path.join(repoRoot, 'test/fixtures/extensions/containers-2.0');

/**
 * The Docker Hosts view in a real workbench against the rig: three hosts in three states (one
 * checked by expanding it, one by its context menu, one left alone), then this workspace's engine
 * chosen by the row's inline button and switched from the status bar, by clicks only.
 */
describe('Docker Hosts view in the workbench', function () {
  this.timeout(240_000);
  let rig: Rig;
  let wb: Workbench;
  let dir: string;
  let workspace: string;

  const sideBar = () => wb.page.locator('.part.sidebar');
  const row = (label: string): Locator =>
    sideBar()
      .locator('.monaco-list-row')
      .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) })
      .first();
  const description = async (label: string) => ((await row(label).locator('.label-description').textContent()) ?? '').trim();
  const engineItem = () => wb.page.locator('.part.statusbar .statusbar-item', { hasText: /\(workspace settings\)|local engine|\(user settings\)|docker context/ }).first();

  async function waitForDescription(label: string, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await description(label).catch(() => '');
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`row ${label} shows "${text}", not ${pattern}, after ${timeoutMs} ms`);
      await wb.page.waitForTimeout(250);
    }
  }

  function workspaceDockerHost(): unknown {
    const file = path.join(workspace, '.vscode', 'settings.json');
    if (!existsSync(file)) return undefined;
    const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { DOCKER_HOST?: unknown } | undefined>;
    return settings['containers.environment']?.DOCKER_HOST;
  }

  async function waitForWorkspaceDockerHost(expected: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (workspaceDockerHost() !== expected) {
      if (Date.now() > deadline) throw new Error(`the workspace settings hold ${JSON.stringify(workspaceDockerHost())}, not ${expected}`);
      await wb.page.waitForTimeout(250);
    }
  }

  before(async () => {
    rig = await startRig();
    dir = mkdtempSync(path.join(tmpdir(), 'rds-e2e-hosts-'));
    workspace = path.join(dir, 'project');
    const configFile = path.join(dir, 'ssh_config');
    writeFileSync(
      configFile,
      `Include ${rig.configFile}\n\nHost staging\n    HostName 127.0.0.1\n    Port 1\n\nHost gpu-box\n    HostName 127.0.0.1\n    Port 1\n`,
      { mode: 0o600 },
    );
    const { mkdirSync } = await import('node:fs');
    mkdirSync(workspace);
    wb = await Workbench.open({
      settings: { 'remote.SSH.configFile': configFile, 'workbench.colorTheme': 'Default Light Modern', 'window.commandCenter': false },
      // VSCODE_CLI=1 keeps this environment for the server (the rig's ssh wrapper on PATH), as a shell start does.
      env: { SSH_AUTH_SOCK: rig.env.SSH_AUTH_SOCK, PATH: rig.env.PATH, DOCKER_CONFIG: rig.env.DOCKER_CONFIG, VSCODE_CLI: '1' },
      extensionFolders: [containerToolsFixture],
      workspaceFolder: workspace,
      viewport: { width: 1280, height: 720 },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      await wb.screenshot(`docker-hosts-FAILED-${(this.currentTest.title.match(/\w+/g) ?? ['test']).slice(0, 4).join('-')}`).catch(() => undefined);
    }
  });

  after(async () => {
    await wb?.close();
    await rig?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows three hosts in three states: ready (expanded), a failure code (Check in the menu), not checked', async () => {
    await wb.page.locator('.part.activitybar .action-item a[aria-label^="Remote Docker"]').click();
    await row(rig.alias).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await description('staging'), 'not checked');

    // Expanding a host checks it (and only it).
    await row(rig.alias).locator('.monaco-tl-twistie').click();
    await waitForDescription(rig.alias, /^ready\b/);
    assert.ok(await sideBar().locator('.monaco-list-row', { hasText: 'docker-host-roundtrip' }).isVisible(), 'the expanded host lists its checks');

    await row('staging').click({ button: 'right' });
    // The menu item takes focus under the pointer; Enter runs it (a synthetic click on a menu item in
    // code-server 1.100 highlights it without running it).
    const check = wb.page.locator('.context-view .monaco-menu a.action-menu-item', { hasText: /^\s*Check\s*$/ }).first();
    await check.hover();
    await wb.page.keyboard.press('Enter');
    await waitForDescription('staging', /^connection-refused\b/);
    assert.equal(await description('gpu-box'), 'not checked', 'a host nobody asked about is never checked');
    await wb.screenshot('docker-hosts-three-states');
  });

  it('uses a host for this workspace with the row\'s button, and switches from the status bar', async () => {
    await row(rig.alias).hover();
    await row(rig.alias).locator('.actions .action-label[aria-label="Use for This Workspace"]').click();
    await waitForWorkspaceDockerHost(`ssh://${rig.alias}`);
    await waitForDescription(rig.alias, /this workspace/);
    await engineItem().filter({ hasText: `ssh://${rig.alias} (workspace settings)` }).waitFor({ state: 'visible', timeout: 30_000 });

    await engineItem().click();
    await wb.pickQuickItem('staging', 20_000);
    await waitForWorkspaceDockerHost('ssh://staging');
    await waitForDescription('staging', /this workspace/);
    assert.doesNotMatch(await description(rig.alias), /this workspace/);
    await engineItem().filter({ hasText: 'ssh://staging (workspace settings)' }).waitFor({ state: 'visible', timeout: 30_000 });
    await wb.screenshot('docker-hosts-switched');
  });
});
