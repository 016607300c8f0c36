import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { Workbench } from './workbench';

// installRemoteSsh and installDockerOnRemote from the palette. The harness points the extension gallery at
// a closed loopback port (no loopback gallery to install from yet), so this proves the failure path a user
// without a reachable gallery meets: the reason is shown, and nothing is installed.
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
