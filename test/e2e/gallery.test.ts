import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openVsxLikeGalleryItems, startGallery, type Gallery } from '../fixtures/gallery/gallery';
import { Workbench } from './workbench';

async function waitFor(what: string, condition: () => boolean, workbench: Workbench, gallery: Gallery | undefined, screenshot: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    await workbench.trustPublisherIfAsked();
    if (Date.now() > deadline) {
      await workbench.screenshot(screenshot);
      assert.fail(`${what} did not happen within ${timeoutMs} ms; gallery requests: ${JSON.stringify(gallery?.requests())}`);
    }
    await workbench.page.waitForTimeout(250);
  }
}

// Installs through the workbench's own extension management, from the loopback gallery: the query,
// the VSIX download, the install into the extensions dir, and the installed extension running.
describe('loopback extension gallery: real installs in code-server', () => {
  let gallery: Gallery | undefined;
  let workbench: Workbench | undefined;

  before(async () => {
    // As on Open VSX: no Microsoft Remote-SSH (it would be installed at start as our pack's member).
    gallery = await startGallery(openVsxLikeGalleryItems());
    workbench = await Workbench.open({ gallery });
  });
  after(async () => {
    await workbench?.close();
    await gallery?.close();
  });

  it('Remote Docker: Install Remote-SSH installs Open Remote - SSH from it, and its commands then run', async () => {
    assert.ok(!workbench!.installedExtensionIds().includes('jeanp413.open-remote-ssh'));
    await workbench!.runCommand('Remote Docker: Install Remote-SSH');
    await waitFor('the install of jeanp413.open-remote-ssh', () => workbench!.installedExtensionIds().includes('jeanp413.open-remote-ssh'), workbench!, gallery, 'gallery-install-remote-ssh-failed');
    const query = gallery!.requests().find((request) => request.path === '/gallery/extensionquery' && request.criteria?.some((c) => c.value === 'jeanp413.open-remote-ssh'));
    assert.ok(query, `the workbench queried the gallery for it: ${JSON.stringify(gallery!.requests())}`);
    assert.deepEqual(gallery!.vsixDownloads(), ['jeanp413.open-remote-ssh']);
    assert.ok(existsSync(path.join(workbench!.server.extensionsDir, 'jeanp413.open-remote-ssh-0.0.1-stand-in', 'extension.js')));

    // Installed means it runs: its command is in the palette and records the call.
    await workbench!.runCommand('Open Remote - SSH (stand-in): Connect to Host...');
    await waitFor('the stand-in call', () => workbench!.standInCalls().length > 0, workbench!, gallery, 'gallery-stand-in-call-failed', 30_000);
    assert.deepEqual(workbench!.standInCalls().map((call) => call.command), ['openremotessh.openEmptyWindow']);
    await workbench!.screenshot('gallery-01-open-remote-ssh-installed');
    // Nothing else came from the gallery: no Microsoft Remote-SSH (Open VSX has none), no Docker yet.
    assert.ok(!workbench!.installedExtensionIds().includes('ms-vscode-remote.remote-ssh'));
  });
});

describe('loopback extension gallery: the unreachable mode (the default)', () => {
  let workbench: Workbench | undefined;
  before(async () => {
    workbench = await Workbench.open({});
  });
  after(async () => {
    await workbench?.close();
  });

  it('Install Remote-SSH fails with a message, and nothing is installed', async () => {
    await workbench!.runCommand('Remote Docker: Install Remote-SSH');
    const toast = workbench!.page.locator('.notifications-toasts .notification-toast .notification-list-item-message', { hasText: 'Could not install jeanp413.open-remote-ssh' });
    await toast.first().waitFor({ state: 'visible', timeout: 60_000 });
    await workbench!.screenshot('gallery-03-unreachable-install-fails');
    assert.ok(!workbench!.installedExtensionIds().includes('jeanp413.open-remote-ssh'));
  });
});
