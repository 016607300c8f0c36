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
  let configFile: string;

  const sideBar = () => wb.page.locator('.part.sidebar');
  const row = (label: string): Locator =>
    sideBar()
      .locator('.monaco-list-row')
      .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) })
      .first();
  const description = async (label: string) => ((await row(label).locator('.label-description').textContent()) ?? '').trim();
  // Status bar items carry their extension's id and their own as the element id.
  const engineItem = () => wb.page.locator('.part.statusbar .statusbar-item[id="remote-docker-ssh.remote-docker-ssh.remoteDockerSsh.engine"]');

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
    let settings: Record<string, { DOCKER_HOST?: unknown } | undefined>;
    try {
      settings = JSON.parse(readFileSync(file, 'utf8')) as typeof settings;
    } catch {
      // VS Code truncates, then writes the file: a read in between sees part of it. Not a value yet.
      return '(settings.json mid-write)';
    }
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
    configFile = path.join(dir, 'ssh_config');
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

  it('adds a host with the title button, then removes what it added after listing it: the ssh config is byte for byte what it was', async () => {
    const before = readFileSync(configFile);
    await sideBar().locator('.pane-header .action-label[aria-label="Add Docker Host…"], .title-actions .action-label[aria-label="Add Docker Host…"]').first().click();
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    for (const answer of ['rds-e2e-added', '127.0.0.1', '', '2222', '']) {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(answer);
      await wb.page.keyboard.press('Enter');
      await wb.page.waitForTimeout(300);
    }
    await row('rds-e2e-added').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(readFileSync(configFile, 'utf8'), /^Host rds-e2e-added$/m);

    await row('rds-e2e-added').click({ button: 'right' });
    await wb.page.locator('.context-view .monaco-menu a.action-menu-item', { hasText: 'Remove What We Added' }).first().hover();
    await wb.page.keyboard.press('Enter');
    const dialog = await wb.waitForDialog(/Remove what Remote Docker added for rds-e2e-added/);
    assert.match(await dialog.innerText(), new RegExp(`The "Host rds-e2e-added" block in ${configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await wb.screenshot('docker-hosts-remove-confirm');
    await wb.clickDialogButton('Remove');
    await row('rds-e2e-added').waitFor({ state: 'detached', timeout: 30_000 });
    assert.ok(readFileSync(configFile).equals(before), `the ssh config is not what it was:\n${readFileSync(configFile, 'utf8')}`);
  });
});

describe('Docker Hosts view with no hosts at all', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rds-e2e-nohosts-'));
    const configFile = path.join(dir, 'ssh_config');
    writeFileSync(configFile, '# nothing here yet\n', { mode: 0o600 });
    wb = await Workbench.open({
      settings: { 'remote.SSH.configFile': configFile },
      // An empty docker config: no context but the default one.
      env: { DOCKER_CONFIG: path.join(dir, 'docker-config') },
    });
  });

  after(async () => {
    await wb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the welcome with the walkthrough and Add Host buttons, and Add Host asks for a host', async () => {
    await wb.page.locator('.part.activitybar .action-item a[aria-label^="Remote Docker"]').click();
    const welcome = wb.page.locator('.part.sidebar .welcome-view-content');
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await welcome.innerText(), /No SSH hosts yet/);
    assert.ok(await welcome.locator('.monaco-button', { hasText: 'Open the Walkthrough' }).isVisible());
    await wb.screenshot('docker-hosts-welcome');
    await welcome.locator('.monaco-button', { hasText: 'Add Host' }).click();
    await wb.page.locator('.quick-input-widget', { hasText: 'Add an SSH host to' }).waitFor({ state: 'visible', timeout: 15_000 });
    await wb.page.keyboard.press('Escape');
  });
});
