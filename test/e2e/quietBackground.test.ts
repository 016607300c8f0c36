import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRig, type Rig } from '../fixtures/rig/index';
import { acceptedLogins as countAccepted } from '../fixtures/rig/sshdLog';
import { Workbench } from './workbench';

/*
 * Issue 14 item 2, measured: an idle window with a host set up makes no ssh login, neither over a
 * minute nor after a focus change. sshd's "Accepted publickey" lines count every login; a logging
 * `ssh` first on the extension host's PATH proves that the focus change did run a (local) round.
 */
describe('a quiet background: the idle window logs in to nothing', function () {
  this.timeout(300_000);
  let rig: Rig;
  let wb: Workbench;
  let work: string;
  const sshCalls = () => join(work, 'ssh-calls');
  const callCount = () => (existsSync(sshCalls()) ? readFileSync(sshCalls(), 'utf8').split('\n').filter((line) => line !== '').length : 0);
  const acceptedLogins = () => countAccepted(rig);

  /** Waits until no new login came for `quietMs`: the rounds our commands started are over. */
  async function settled(quietMs: number): Promise<number> {
    let count = acceptedLogins();
    let since = Date.now();
    while (Date.now() - since < quietMs) {
      await wb.page.waitForTimeout(500);
      if (acceptedLogins() !== count) {
        count = acceptedLogins();
        since = Date.now();
      }
    }
    return count;
  }

  before(async () => {
    rig = await startRig();
    work = mkdtempSync(join(tmpdir(), 'rds-quiet-'));
    const rigSsh = join(rig.env.PATH.split(':')[0], 'ssh');
    writeFileSync(join(work, 'ssh'), `#!/bin/sh\nprintf '%s %s\\n' "$(date +%T.%N)" "$*" >> '${sshCalls()}'\nexec '${rigSsh}' "$@"\n`);
    chmodSync(join(work, 'ssh'), 0o755);
    wb = await Workbench.open({
      settings: { 'remote.SSH.configFile': rig.configFile },
      // VSCODE_CLI=1: the server keeps this PATH instead of a login shell's (see walkthroughDirectPath.test.ts).
      env: { SSH_AUTH_SOCK: rig.env.SSH_AUTH_SOCK, PATH: `${work}:${rig.env.PATH}`, DOCKER_CONFIG: rig.env.DOCKER_CONFIG, VSCODE_CLI: '1' },
    });
  });

  after(async () => {
    await wb?.close();
    await rig?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('a host set up and checked, then 60 s idle and a focus change: 0 logins', async () => {
    await wb.runCommand('Remote Docker: Choose the Setup Path (Remote-SSH or DOCKER_HOST)');
    await wb.pickQuickItem('No: use DOCKER_HOST');
    await wb.runCommand('Remote Docker: Check the Setup');
    await wb.pickQuickItem(rig.alias);
    // The check the user asked for logs in: the host is really set up, and the count can move.
    const deadline = Date.now() + 60_000;
    while (acceptedLogins() === 0) {
      assert.ok(Date.now() < deadline, 'the asked-for check never logged in');
      await wb.page.waitForTimeout(250);
    }
    // The report opens when the check has ended; then close it. With no walkthrough and no report
    // visible, nothing may log in from here on (a visible report would be checked once a minute).
    const reportTab = wb.page.locator('.tabs-container .tab', { hasText: 'Remote Docker: setup checks' });
    await reportTab.waitFor({ state: 'visible', timeout: 60_000 });
    await wb.runCommand('View: Close All Editors');
    await wb.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
    const before = await settled(5_000);

    const idleCallsBefore = callCount();
    await wb.page.waitForTimeout(60_000);
    assert.equal(acceptedLogins(), before, `an idle minute made ${acceptedLogins() - before} ssh login(s); ssh calls: ${readFileSync(sshCalls(), 'utf8').split('\n').slice(idleCallsBefore).join(' | ')}`);

    // A focus change as the browser reports it (headless Chromium keeps document.hasFocus() true).
    const callsBefore = callCount();
    // (A string: this file is compiled without the DOM library; the page runs it.)
    const setFocus = (focused: boolean) => wb.page.evaluate(`document.hasFocus = () => ${focused}; window.dispatchEvent(new Event('${focused ? 'focus' : 'blur'}'));`);
    await setFocus(false);
    await wb.page.waitForTimeout(1_000);
    await setFocus(true);
    const focusDeadline = Date.now() + 30_000;
    while (callCount() === callsBefore) {
      assert.ok(Date.now() < focusDeadline, 'the focus change ran no round of checks (no ssh call)');
      await wb.page.waitForTimeout(250);
    }
    await settled(5_000);
    assert.equal(acceptedLogins(), before, `the focus change made ${acceptedLogins() - before} ssh login(s); ssh calls: ${readFileSync(sshCalls(), 'utf8').split('\n').slice(callsBefore).join(' | ')}`);
  });
});
