import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { startRig, type Rig } from '../fixtures/rig/index';
import { Workbench } from './workbench';

// The one-click path as a user takes it: the palette command, the host list from the ssh config
// (remote.SSH.configFile), the checks against a real sshd, then Remote-SSH (the stand-in) is asked
// to open a window on that host.
describe('Connect to a Host and Install Docker There, from the palette (VSIX in code-server, rig host)', () => {
  let rig: Rig | undefined;
  let workbench: Workbench | undefined;

  before(async () => {
    rig = await startRig();
    workbench = await Workbench.open({
      remoteSshStandIn: true,
      settings: { 'remote.SSH.configFile': rig.configFile },
      env: rig.env,
    });
  });

  after(async () => {
    await workbench?.close();
    await rig?.stop();
  });

  it('is offered by the status bar item while no host is set up', async () => {
    const page = workbench!.page;
    const item = page.locator('.statusbar-item', { hasText: 'Remote Docker' });
    await item.first().waitFor({ state: 'visible', timeout: 30_000 });
    await item.first().click();
    const title = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Connect to a host and install Docker there' });
    await title.waitFor({ state: 'visible', timeout: 20_000 });
    await workbench!.screenshot('oneclick-00-status-bar-offers-connect');
    await page.keyboard.press('Escape');
  });

  it('lists the configured host, checks it, writes the settings and opens it through Remote-SSH', async () => {
    const page = workbench!.page;
    await workbench!.runCommand('Remote Docker: Connect to a Host and Install Docker There');
    const hostEntry = page.locator('.quick-input-widget .monaco-list-row', { hasText: rig!.alias });
    await hostEntry.first().waitFor({ state: 'visible', timeout: 20_000 });
    await workbench!.screenshot('oneclick-05-connect-pick-host');
    await workbench!.pickQuickItem(rig!.alias);

    const deadline = Date.now() + 60_000;
    while (workbench!.standInCalls().length === 0) {
      if (Date.now() > deadline) {
        await workbench!.screenshot('oneclick-connect-failed');
        await workbench!.runCommand('Remote Docker: Show Log');
        await page.waitForTimeout(1000);
        assert.fail(`Remote-SSH was never asked to open a window; the log shows:\n${(await page.locator('.part.panel').innerText()).replace(/\u00a0/g, ' ')}`);
      }
      await page.waitForTimeout(250);
    }
    const calls = workbench!.standInCalls();
    assert.deepEqual(
      calls.map((call) => [call.command, call.args]),
      [['opensshremotes.openEmptyWindow', [{ host: rig!.alias }]]],
    );

    // The settings the remote window relies on, as the user sees them in the Settings editor (JSON).
    await workbench!.runCommand('Preferences: Open User Settings (JSON)');
    const editor = page.locator('.editor-instance .view-lines');
    await editor.first().waitFor({ state: 'visible', timeout: 20_000 });
    const text = async () => (await editor.first().innerText()).replace(/\u00a0/g, ' ');
    const settingsDeadline = Date.now() + 20_000;
    while (!(await text()).includes('ms-azuretools.vscode-containers')) {
      assert.ok(Date.now() < settingsDeadline, `settings.json shows:\n${await text()}`);
      await page.waitForTimeout(250);
    }
    assert.match(await text(), /"remote\.SSH\.defaultExtensions"/);
    assert.match(await text(), new RegExp(`"${rig!.alias}":\\s*"linux"`));
    await workbench!.screenshot('oneclick-06-settings-after-connect');
  });

  it('writes nothing and opens nothing when the user cancels the host-key modal', async () => {
    const page = workbench!.page;
    const repair = await rig!.breakOne('host-key-unknown');
    try {
      const before = workbench!.standInCalls().length;
      await workbench!.runCommand('Remote Docker: Connect to a Host and Install Docker There');
      await workbench!.pickQuickItem(rig!.alias);
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 60_000 });
      assert.equal(readFileSync(rig!.knownHostsFile).length, 0, 'known_hosts was written before the user answered');
      await dialog.locator('.dialog-buttons .monaco-button', { hasText: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
      // The product logs the refusal when it has taken the answer; after that nothing may follow.
      await workbench!.runCommand('Remote Docker: Show Log');
      // The output editor draws spaces as no-break spaces.
      const panelText = async () => (await page.locator('.part.panel').innerText()).replace(/\u00a0/g, ' ');
      const logDeadline = Date.now() + 20_000;
      while (!/not trusted \(the user declined\)/.test(await panelText())) {
        assert.ok(Date.now() < logDeadline, `the log never said the key was declined; the panel shows:\n${await panelText()}`);
        await page.waitForTimeout(250);
      }
      await page.waitForTimeout(2000);
      assert.equal(readFileSync(rig!.knownHostsFile).length, 0, 'Cancel wrote known_hosts');
      assert.deepEqual(workbench!.standInCalls().slice(before), [], 'Cancel opened a window');
      await workbench!.screenshot('oneclick-07a-trust-host-key-cancelled');
    } finally {
      await repair();
    }
  });

  it('shows the fingerprint of an unknown host key in a modal and connects once the user trusts it', async () => {
    const page = workbench!.page;
    // The line the rig seeded (`[127.0.0.1]:PORT TYPE KEY`) is what trusting the same key must write back.
    const rigLine = readFileSync(rig!.knownHostsFile, 'utf8');
    const repair = await rig!.breakOne('host-key-unknown');
    try {
      const before = workbench!.standInCalls().length;
      await workbench!.runCommand('Remote Docker: Connect to a Host and Install Docker There');
      await workbench!.pickQuickItem(rig!.alias);
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 60_000 });
      const shown = await dialog.innerText();
      assert.ok(shown.includes(rig!.currentHostKeyFingerprint()), `the modal shows:\n${shown}`);
      assert.equal(workbench!.standInCalls().length, before, 'nothing is opened before the user answers');
      assert.equal(readFileSync(rig!.knownHostsFile).length, 0, 'known_hosts was written before the user answered');
      await workbench!.screenshot('oneclick-07-trust-host-key-modal');
      await dialog.locator('.dialog-buttons .monaco-button', { hasText: 'Trust this host' }).click();

      const deadline = Date.now() + 60_000;
      while (workbench!.standInCalls().length === before) {
        assert.ok(Date.now() < deadline, 'Remote-SSH was never asked to open a window after the key was trusted');
        await page.waitForTimeout(250);
      }
      assert.deepEqual(workbench!.standInCalls().slice(before).map((call) => [call.command, call.args]), [['opensshremotes.openEmptyWindow', [{ host: rig!.alias }]]]);
      assert.equal(readFileSync(rig!.knownHostsFile, 'utf8'), rigLine, 'known_hosts holds exactly the rig\'s key line');
    } finally {
      await repair();
    }
  });
});
