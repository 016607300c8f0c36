import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RemoteWindowSeamVariable } from '../../src/core/remote/windowKind';
import { openVsxLikeGalleryItems, startGallery, type Gallery } from '../fixtures/gallery/gallery';
import { startRig, type Rig } from '../fixtures/rig/index';
import { accountOf } from '../fixtures/rig/linuxUser';
import { Workbench } from './workbench';

// installRemoteSsh and installDockerOnRemote from the palette. Without a gallery the harness points the
// extension gallery at a closed loopback port: the failure path a user without a reachable gallery meets
// (the reason is shown, nothing is installed). The last suite installs for real, from the loopback gallery.
describe('install commands in the real workbench, with the gallery unreachable', function () {
  this.timeout(180_000);
  let workbench: Workbench | undefined;

  before(async () => {
    workbench = await Workbench.open();
  });

  after(async () => {
    await workbench?.close();
  });

  function toast(text: string | RegExp) {
    return workbench!.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  }

  const installed = () => readdirSync(workbench!.server.extensionsDir).filter((name) => !name.startsWith('.') && name !== 'extensions.json');

  it('installRemoteSsh shows why Open Remote - SSH could not be installed, and installs nothing', async () => {
    const before = installed();
    await workbench!.runCommand('Remote Docker: Install Remote-SSH');
    // code-server is not Microsoft's VS Code: the product picks the open-source Open Remote - SSH.
    const error = toast(/Could not install jeanp413\.open-remote-ssh/);
    await error.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await error.innerText(), /Install it from the Extensions view/);
    assert.equal(await error.locator('.monaco-button', { hasText: 'Show in Extensions view' }).count(), 1);
    await workbench!.screenshot('install-01-remote-ssh-unreachable-gallery');
    assert.deepEqual(installed(), before, 'an extension folder appeared although the gallery is unreachable');
    assert.ok(!installed().some((name) => name.startsWith('jeanp413.open-remote-ssh')));
  });

  it('installDockerOnRemote outside a Remote-SSH window says to connect first, and installs nothing', async () => {
    const before = installed();
    await workbench!.runCommand('Remote Docker: Install the Docker Extension on the Host');
    const warning = toast(/The Docker extension belongs on the host/);
    await warning.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await warning.locator('.monaco-button', { hasText: 'Connect to the host' }).count(), 1);
    await workbench!.screenshot('install-02-docker-on-remote-not-connected');
    assert.deepEqual(installed(), before);
  });
});

// installDockerOnRemote where it belongs: the remote window of the harness (code-server as the rig user,
// the window-kind seam set to the workspace side, so our extension runs on the host), installing from the
// loopback gallery. The product picks Container Tools, whose 2.4.5 needs VS Code 1.105: code-server 4.105.1.
describe('installDockerOnRemote in a remote window (as the host user), from the loopback gallery', function () {
  this.timeout(240_000);
  const containerTools = 'ms-azuretools.vscode-containers';
  let rig: Rig | undefined;
  let gallery: Gallery | undefined;
  let workbench: Workbench | undefined;

  before(async () => {
    [rig, gallery] = await Promise.all([startRig(), startGallery(openVsxLikeGalleryItems())]);
    workbench = await Workbench.open({
      runAsUser: rig.user,
      codeServerVersion: '4.105.1',
      gallery,
      // What a login on the host gives the server (sshd's SetEnv for the rig user), and the seam.
      env: { DOCKER_HOST: `unix://${rig.dockerSocket}`, [RemoteWindowSeamVariable]: 'ssh-remote:workspace' },
      settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
    });
  });
  after(async () => {
    await workbench?.close();
    await gallery?.close();
    await rig?.stop();
  });

  /** The ids the host's code-server lists in its extensions folder (what it loads there). */
  function listedIds(): string[] {
    const listFile = path.join(workbench!.server.extensionsDir, 'extensions.json');
    if (!existsSync(listFile)) return [];
    return (JSON.parse(readFileSync(listFile, 'utf8')) as { identifier: { id: string } }[]).map((entry) => entry.identifier.id.toLowerCase());
  }

  it('installs Container Tools into the host\'s extensions folder and says so', async () => {
    assert.ok(!listedIds().some((id) => id.startsWith('ms-azuretools.')), 'a Docker extension is there before the command');
    await workbench!.runCommand('Remote Docker: Install the Docker Extension on the Host');
    const done = workbench!.page.locator('.notifications-toasts .notification-toast').filter({ hasText: `${containerTools} is installed on the host.` }).first();
    const deadline = Date.now() + 120_000;
    while (!(await done.isVisible())) {
      // VS Code asks once per publisher before the first install from it, as a user sees it.
      await workbench!.trustPublisherIfAsked();
      if (Date.now() > deadline) {
        await workbench!.screenshot('install-03-docker-on-remote-failed');
        assert.fail(`no "installed on the host" notification; gallery requests: ${JSON.stringify(gallery!.requests())}`);
      }
      await workbench!.page.waitForTimeout(250);
    }
    await workbench!.screenshot('install-03-docker-on-remote-installed');

    assert.deepEqual(gallery!.vsixDownloads(), [containerTools], 'what came from the gallery');
    assert.deepEqual(listedIds().filter((id) => id.startsWith('ms-azuretools.')), [containerTools]);
    const folder = readdirSync(workbench!.server.extensionsDir).find((name) => name.toLowerCase().startsWith(`${containerTools}-`));
    assert.ok(folder, `no ${containerTools} folder in ${workbench!.server.extensionsDir}`);
    const manifest = JSON.parse(readFileSync(path.join(workbench!.server.extensionsDir, folder, 'package.json'), 'utf8')) as { version: string };
    assert.equal(manifest.version, '2.4.5');
    // Written by the host's server, as the host user: the host's extensions, not the UI side's.
    assert.equal(statSync(path.join(workbench!.server.extensionsDir, folder)).uid, accountOf(rig!.user)!.uid);
  });
});
