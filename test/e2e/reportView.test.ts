import { strict as assert } from 'node:assert';
import { startRig, type Rig } from '../fixtures/rig/index';
import { Workbench } from './workbench';

// Issue 11: the report view shows the real failure of the rig and its fix, with the button that
// does it, and shows the repaired state after "Check again" (each line from a real doctor run).
describe('the doctor report view, driven from the rig', () => {
  let rig: Rig;
  let wb: Workbench;

  before(async () => {
    rig = await startRig();
    wb = await Workbench.open({
      settings: { 'remote.SSH.configFile': rig.configFile },
      // VSCODE_CLI=1: the server keeps this environment (the rig's ssh wrapper on PATH) instead of a login shell's.
      env: { SSH_AUTH_SOCK: rig.env.SSH_AUTH_SOCK, PATH: rig.env.PATH, DOCKER_CONFIG: rig.env.DOCKER_CONFIG, VSCODE_CLI: '1' },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot('report-view-FAILED').catch(() => undefined);
  });

  after(async () => {
    await wb?.close();
    await rig?.stop();
  });

  // The report is a webview: its page sits in an iframe inside the webview's own iframe.
  const report = () => wb.page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
  const row = (checkId: string) => report().locator('tr', { has: report().locator('code', { hasText: new RegExp(`^${checkId}$`) }) });

  it('a removed authorized key: the auth row fails with ssh\'s words, the ssh-copy-id fix for the rig\'s key, and its button', async () => {
    const repair = await rig.breakOne('authorized-key-removed');
    try {
      await wb.runCommand('Remote Docker: Check the Setup');
      await wb.pickQuickItem(rig.alias);
      const auth = row('auth');
      await auth.waitFor({ state: 'visible', timeout: 60_000 });
      assert.equal(await auth.getAttribute('class'), 'fail');
      const text = await auth.innerText();
      assert.match(text, /The host refused every key offered: .*Permission denied \(publickey\)/);
      assert.ok(text.includes(`ssh-copy-id -i ${rig.identityFile}.pub -p ${rig.port} ${rig.user}@127.0.0.1`), text);
      assert.equal(await auth.locator('a.button').innerText(), 'Authorize the key on the host');
      assert.equal(await auth.locator('a.button').getAttribute('href'), 'command:remoteDockerSsh.copyKeyToHost');
      assert.equal(await row('host-key').getAttribute('class'), 'pass');
      await wb.screenshot('report-view-auth-denied');
    } finally {
      await repair();
    }
    // Repaired on the host, "Check again" in the page runs the doctor again and the page says so.
    await report().locator('a.button', { hasText: 'Check again' }).click();
    await report().locator('p', { hasText: 'Everything works.' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await row('auth').getAttribute('class'), 'pass');
    assert.equal(await report().locator('tr.fail').count(), 0);
  });
});
