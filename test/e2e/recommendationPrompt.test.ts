import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  contributes: { walkthroughs: { id: string }[] };
};
const categoryId = `${manifest.publisher}.${manifest.name}#${manifest.contributes.walkthroughs[0].id}`;
const promptText = 'This workspace uses Docker.';

describe('the recommendation prompt in a Docker workspace (VSIX in code-server, Chromium)', () => {
  let workbench: Workbench | undefined;
  let folder: string;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'rds-docker-workspace-'));
    writeFileSync(path.join(folder, 'Dockerfile'), 'FROM busybox\nCMD ["true"]\n');
    workbench = await Workbench.open({ workspaceFolder: folder });
  });

  after(async () => {
    await workbench?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  function toast(text: string): Locator {
    return workbench!.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  }

  async function clickToastButton(text: string, button: string): Promise<void> {
    await toast(text).locator('.monaco-button', { hasText: new RegExp(`^${button.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).click();
  }

  /** Waits until the extension's log (shown with "Remote Docker: Show Log") holds `text`. */
  async function waitForLog(text: string, timeoutMs = 60_000): Promise<void> {
    await workbench!.runCommand('Remote Docker: Show Log');
    // The output editor draws spaces as no-break spaces.
    const panelText = async () => (await workbench!.page.locator('.part.panel').innerText()).replace(/\u00a0/g, ' ');
    const deadline = Date.now() + timeoutMs;
    while (!(await panelText()).includes(text)) {
      assert.ok(Date.now() < deadline, `the log never showed "${text}"; the panel shows:\n${await panelText()}`);
      await workbench!.page.waitForTimeout(500);
    }
  }

  async function reload(): Promise<void> {
    await workbench!.page.reload({ waitUntil: 'domcontentloaded' });
    await workbench!.waitUntilReady();
  }

  it('shows the prompt with its three answers', async () => {
    await toast(promptText).waitFor({ state: 'visible', timeout: 60_000 });
    const buttons = await toast(promptText).locator('.monaco-button').allInnerTexts();
    assert.deepEqual(
      buttons.map((b) => b.trim()).filter((b) => b !== ''),
      ['Set up remote Docker', 'Not now', "Don't ask again for this workspace"],
    );
    // Let the toast finish fading in, so the screenshot shows it as the user reads it.
    await toast(promptText).locator('.monaco-button').last().waitFor({ state: 'visible' });
    await workbench!.page.waitForTimeout(800);
    await workbench!.screenshot('oneclick-01-docker-workspace-prompt');
  });

  it('"Set up remote Docker" opens the walkthrough, then offers the workspace recommendations', async () => {
    await clickToastButton(promptText, 'Set up remote Docker');
    const title = workbench!.page.locator(`.gettingStartedSlideDetails .category-title[x-category-title-for="${categoryId}"]`);
    await title.waitFor({ state: 'visible', timeout: 30_000 });
    await workbench!.screenshot('oneclick-02-setup-opens-walkthrough');

    const offer = 'Recommend Remote-SSH and the Docker extension';
    await toast(offer).waitFor({ state: 'visible', timeout: 20_000 });
    await workbench!.page.waitForTimeout(800);
    await workbench!.screenshot('oneclick-03-offer-extensions-json');
    await clickToastButton(offer, 'Add to extensions.json');
    const file = path.join(folder, '.vscode', 'extensions.json');
    const deadline = Date.now() + 20_000;
    while (!existsSync(file) && Date.now() < deadline) await workbench!.page.waitForTimeout(200);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { recommendations: ['ms-vscode-remote.remote-ssh', 'ms-azuretools.vscode-containers'] });
  });

  it('asks again after a reload when the answer was only "Not now"', async () => {
    await reload();
    await toast(promptText).waitFor({ state: 'visible', timeout: 60_000 });
    await clickToastButton(promptText, 'Not now');
    await toast(promptText).waitFor({ state: 'hidden', timeout: 10_000 });
    // The answer reaches the extension (which would store a "never" answer) before the reload.
    await waitForLog('Recommendation prompt answered: Not now');
    await reload();
    await toast(promptText).waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('respects "Don\'t ask again for this workspace" after a reload', async () => {
    await reload();
    await toast(promptText).waitFor({ state: 'visible', timeout: 60_000 });
    await clickToastButton(promptText, "Don't ask again for this workspace");
    await toast(promptText).waitFor({ state: 'hidden', timeout: 10_000 });
    // The answer travels to the extension host and back into workspace storage; reload only after that.
    await waitForLog('Recommendation prompt: will not ask again in this workspace.');

    await reload();
    // The extension decides a few seconds after activation; its log says what it decided. Wait for
    // that decision before asserting the absence of the prompt, so the test cannot pass by being early.
    await waitForLog('Recommendation prompt: skip (dismissed)');
    assert.equal(await toast(promptText).count(), 0, 'the prompt came back after "Don\'t ask again"');
    await workbench!.screenshot('oneclick-04-dont-ask-again-respected');
  });
});
