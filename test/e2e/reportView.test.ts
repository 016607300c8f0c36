import { strict as assert } from 'node:assert';
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from '../../src/core/runner';
import { runLoopbackOnly } from '../fixtures/netns/loopbackOnly';
import { startRig, type Rig } from '../fixtures/rig/index';
import { answerTerminalPrompt, terminalDomSettings, waitForTerminalText } from './terminal';
import { Workbench } from './workbench';

// Issue 11: the report view shows the real failure of the rig and its fix, with the button that
// does it, and shows the repaired state after "Check again" (each line from a real doctor run).
describe('the doctor report view, driven from the rig', () => {
  let rig: Rig;
  let wb: Workbench;

  before(async () => {
    rig = await startRig();
    wb = await Workbench.open({
      settings: { 'remote.SSH.configFile': rig.configFile, ...terminalDomSettings },
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
  const row = (checkId: string, status = '') => report().locator(`tr${status}`, { has: report().locator('code', { hasText: new RegExp(`^${checkId}$`) }) });

  /** Runs Check the Setup and waits for `shown`; the first run in a window asks for the host (the rig's). */
  async function checkSetupUntil(shown: ReturnType<typeof row>): Promise<void> {
    await wb.runCommand('Remote Docker: Check the Setup');
    const hostEntry = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: rig.alias }).first();
    const deadline = Date.now() + 60_000;
    while (!(await shown.isVisible())) {
      if (await hostEntry.isVisible()) await hostEntry.click();
      assert.ok(Date.now() < deadline, 'the report did not show the expected row within 60 s');
      await wb.page.waitForTimeout(200);
    }
  }

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

  // Fix buttons for the codes of issue 16: each button does its fix for real, and the check passes after it.
  it('a shared connection from before the docker group: docker-group-not-effective, and its button closes it and checks again', async () => {
    const repair = await rig.breakOne('docker-group-stale-connection');
    try {
      // The page still shows the last report until the new one replaces it: wait for the failure itself.
      const roundtrip = row('docker-host-roundtrip', '.fail');
      await checkSetupUntil(roundtrip);
      assert.match(await roundtrip.innerText(), /\[docker-group-not-effective\]/);
      const button = roundtrip.locator('a.button');
      assert.equal(await button.innerText(), 'Close the shared SSH connection and check again');
      assert.equal(await button.getAttribute('href'), 'command:remoteDockerSsh.closeSharedConnection');
      await button.click();
      await report().locator('p', { hasText: 'Everything works.' }).waitFor({ state: 'visible', timeout: 60_000 });
      assert.equal(await row('docker-host-roundtrip').getAttribute('class'), 'pass');
    } finally {
      await repair();
    }
  });

  it('a rootless engine that sessions do not select: docker-rootless-not-selected, and its button selects it on the host in a terminal', async () => {
    const repair = await rig.breakOne('docker-rootless');
    try {
      const engine = row('remote-docker-engine', '.fail');
      await checkSetupUntil(engine);
      assert.match(await engine.innerText(), /\[docker-rootless-not-selected\]/);
      const button = engine.locator('a.button');
      assert.equal(await button.innerText(), 'Use the rootless engine on the host');
      assert.equal(await button.getAttribute('href'), 'command:remoteDockerSsh.useRootlessDockerOnHost');
      await button.click();
      // docker's own words, from the host: the context is now the rootless one.
      await waitForTerminalText(wb.page, /Current context is now "rootless"/, 60_000);
      await answerTerminalPrompt(wb.page, /Press any key to close this terminal/, 'x');
      await report().locator('p', { hasText: 'Everything works.' }).waitFor({ state: 'visible', timeout: 60_000 });
      assert.equal(await row('remote-docker-engine').getAttribute('class'), 'pass');
      assert.equal(await row('docker-host-roundtrip').getAttribute('class'), 'pass');
    } finally {
      // The rig user's docker config is not part of the fault: put its context back before the repair.
      await runProcess('ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', '--', rig.alias, 'docker context use default; docker context rm -f rootless'], { env: rig.env, timeoutMs: 20_000 });
      await repair();
    }
  });

  it('a shared connection that died and left its socket: ssh-master-stale, and its button removes the socket', async () => {
    // A user who opens masters by hand (ControlMaster no): no ssh of docker's replaces the dead socket.
    const saved = readFileSync(rig.configFile, 'utf8');
    const controlPath = join(rig.tmpDir, 'client', 'cm-%C');
    writeFileSync(rig.configFile, saved.replace(`Host ${rig.alias}\n`, `Host ${rig.alias}\n  ControlMaster no\n  ControlPath ${controlPath}\n`));
    try {
      const started = await runProcess('ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', '-o', 'ControlMaster=yes', '-o', 'ControlPersist=300', '-f', '-N', '--', rig.alias], { env: rig.env, timeoutMs: 20_000 });
      assert.equal(started.exitCode, 0, started.stderr);
      const check = await runProcess('ssh', ['-F', rig.configFile, '-O', 'check', '--', rig.alias], { env: rig.env, timeoutMs: 10_000 });
      const pid = Number(/pid=(\d+)/.exec(check.stderr)?.[1]);
      assert.ok(pid > 0, check.stderr);
      process.kill(pid, 'SIGKILL');
      const socket = (await runLoopbackOnly('/usr/bin/ssh', ['-F', rig.configFile, '-G', '--', rig.alias], { env: rig.env, timeoutMs: 10_000 })).stdout.match(/^controlpath (.+)$/m)![1];
      assert.ok(lstatSync(socket).isSocket(), 'the killed master left its socket');
      const master = row('ssh-master', '.fail');
      await checkSetupUntil(master);
      assert.match(await master.innerText(), /\[ssh-master-stale\]/);
      const button = master.locator('a.button');
      assert.equal(await button.getAttribute('href'), 'command:remoteDockerSsh.closeSharedConnection');
      await button.click();
      await report().locator('p', { hasText: 'Everything works.' }).waitFor({ state: 'visible', timeout: 60_000 });
      assert.equal(await row('ssh-master').getAttribute('class'), 'pass');
      assert.equal(existsSync(socket), false, 'the dead socket is gone');
    } finally {
      writeFileSync(rig.configFile, saved);
    }
  });
});
