import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { vendoredDockerExtensionsDir } from '../fixtures/gallery/gallery';
import { startRig, type Rig } from '../fixtures/rig/index';
import { groupIdOf } from '../fixtures/rig/linuxUser';
import { activeTerminal, terminalDomSettings, waitForTerminalText } from './terminal';
import { Workbench, type WorkbenchOptions } from './workbench';

// The one-click path across both windows (issue 15). The local window is code-server as the
// invoking user; `connectAndInstall` writes the intent to globalState and asks the Remote-SSH
// stand-in to open the host. The remote window is code-server AS THE RIG USER on the rig's host
// side, started on the same port so the page keeps its origin: the workbench keeps extension
// globalState in the browser, per origin, so the intent reaches the remote extension host the way
// desktop VS Code's shared globalState carries it (Workbench.switchServer). The only simulated parts:
// Remote-SSH itself (the stand-in, whose "Kill VS Code Server" the harness carries out) and the window's
// remote name (REMOTE_DOCKER_SSH_TEST_REMOTE_WINDOW, see src/core/remote/windowKind.ts).

const docker1293 = path.join(vendoredDockerExtensionsDir, 'vscode-docker-1.29.3.vsix');
const seam = 'REMOTE_DOCKER_SSH_TEST_REMOTE_WINDOW';

/** The "Remote Docker over SSH" log of each extension host session of this server's user data, oldest first. */
function extensionLogSessions(workbench: Workbench): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('Remote Docker over SSH.log')) files.push(full);
    }
  };
  walk(path.join(workbench.server.userDataDir, 'logs'));
  return files.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs).map((file) => readFileSync(file, 'utf8'));
}

function extensionLog(workbench: Workbench): string {
  return extensionLogSessions(workbench).join('\n');
}

/** /proc's view of a process: its uid's supplementary groups. */
function groupsOf(pid: number): number[] {
  const line = /^Groups:[ \t]*(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '';
  return line.trim().split(/\s+/).filter(Boolean).map(Number);
}

function inDockerGroupFile(user: string): boolean {
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((entry) => entry.startsWith('docker:')) ?? '';
  return (line.split(':')[3] ?? '').split(',').includes(user);
}

function toast(workbench: Workbench, text: string | RegExp): Locator {
  return workbench.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
}

async function clickToastButton(workbench: Workbench, text: string | RegExp, button: string, timeoutMs = 60_000): Promise<void> {
  const found = toast(workbench, text).first();
  await found.waitFor({ state: 'visible', timeout: timeoutMs });
  await found.locator('.monaco-button', { hasText: button }).first().click();
}

async function waitForLog(workbench: Workbench, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = extensionLog(workbench);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) assert.fail(`the extension log never matched ${pattern}; it says:\n${text}`);
    await workbench.page.waitForTimeout(250);
  }
}

async function waitForStandInCall(workbench: Workbench, command: string, after: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!workbench.standInCalls().slice(after).some((call) => call.command === command)) {
    if (Date.now() > deadline) {
      await workbench.screenshot(`remote-window-no-${command}`);
      assert.fail(`the stand-in was never asked for ${command}; calls: ${JSON.stringify(workbench.standInCalls())}\nlog:\n${extensionLog(workbench)}`);
    }
    await workbench.page.waitForTimeout(250);
  }
}

/** The remote window's server: code-server as the rig user, with what an ssh session there would have. */
function remoteWindow(rig: Rig, more: Partial<WorkbenchOptions> = {}): WorkbenchOptions {
  return {
    remoteSshStandIn: true,
    runAsUser: rig.user,
    vsixFiles: [docker1293],
    settings: terminalDomSettings,
    // sshd's `SetEnv DOCKER_HOST=…` for the rig user, as a login there gets it; and the seam.
    env: { DOCKER_HOST: `unix://${rig.dockerSocket}`, [seam]: 'ssh-remote:workspace' },
    ...more,
  };
}

describe('the remote window: follow-through on the host, the docker group fix with a real server restart', function () {
  let rig: Rig | undefined;
  let workbench: Workbench | undefined;
  let repairGroup: (() => Promise<void>) | undefined;

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
    await repairGroup?.().catch(() => undefined);
    await rig?.stop();
  });

  it('the local window writes the intent and asks Remote-SSH to open the host', async () => {
    await workbench!.runCommand('Remote Docker: Connect to a Host and Install Docker There');
    await workbench!.pickQuickItem(rig!.alias);
    await waitForStandInCall(workbench!, 'opensshremotes.openEmptyWindow', 0);
    assert.deepEqual(workbench!.standInCalls().map((call) => [call.command, call.args]), [['opensshremotes.openEmptyWindow', [{ host: rig!.alias }]]]);
    await waitForLog(workbench!, /Opening the remote window with opensshremotes\.openEmptyWindow/);
  });

  it('in the remote window (as the rig user, outside the docker group) adds the group, restarts the server and ends with a green engine', async () => {
    const page = workbench!.page;
    // The user starts outside the docker group, as on a fresh host.
    repairGroup = await rig!.breakOne('docker-socket-denied');
    const dockerGid = groupIdOf('docker')!;
    await workbench!.switchServer(remoteWindow(rig!));
    const firstServer = workbench!.server.pid;
    assert.ok(!groupsOf(firstServer).includes(dockerGid), 'the first server runs without the docker group');

    await clickToastButton(workbench!, /refuses your user \(permission denied on its socket\)/, 'Add me to the docker group');
    await workbench!.screenshot('oneclick-10-remote-offers-docker-group');
    // The terminal runs `sudo usermod -aG docker "$USER"` on the host, then waits for a key.
    await waitForTerminalText(page, /Your user is in the docker group/, 60_000);
    assert.ok(inDockerGroupFile(rig!.user), '/etc/group lists the rig user in docker');
    await workbench!.screenshot('oneclick-11-remote-usermod-terminal');
    await activeTerminal(page).locator('textarea.xterm-helper-textarea').press('Enter');

    const restartsBefore = workbench!.standInCalls().length;
    const dialog = await workbench!.waitForDialog(/Restart the VS Code server on/, 60_000);
    assert.match(await dialog.innerText(), new RegExp(rig!.alias));
    await workbench!.screenshot('oneclick-12-remote-restart-modal');
    await workbench!.clickDialogButton('Restart and reconnect');
    await waitForStandInCall(workbench!, 'opensshremotes.cleanCurrentRemoteServer', restartsBefore);

    // What Remote-SSH's kill does: the server goes, the window reconnects to a new one.
    await workbench!.restartServer();
    assert.notEqual(workbench!.server.pid, firstServer, 'a new server process');
    assert.ok(groupsOf(workbench!.server.pid).includes(dockerGid), 'the new server has the docker group');

    await toast(workbench!, /Docker on .* is ready/).first().waitFor({ state: 'visible', timeout: 90_000 });
    const ready = await toast(workbench!, /Docker on .* is ready/).first().innerText();
    assert.match(ready, /ms-azuretools\.vscode-docker is installed on the host and the engine answers/);
    await workbench!.screenshot('oneclick-13-remote-ready');
    const sessions = extensionLogSessions(workbench!);
    assert.match(sessions[0], /Follow-through step: offer-docker-group[\s\S]*usermod: exit status 0[\s\S]*Follow-through step: restart-server/);
    const afterRestart = sessions[sessions.length - 1];
    assert.match(afterRestart, /Follow-through step: check-engine[\s\S]*Engine: pass[\s\S]*Follow-through step: done/);
    assert.doesNotMatch(afterRestart, /Follow-through step: (install-extension|offer-docker-group|restart-server)/, 'after the restart: Docker 1.29.3 is there, the group is there');
  });

  it('the intent is cleared: a reload of the remote window runs no follow-through', async () => {
    const logged = extensionLog(workbench!).length;
    await workbench!.reload();
    // The extension is active again: its status bar item shows the host whose engine was verified.
    await workbench!.page.locator('.statusbar-item', { hasText: rig!.alias }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await workbench!.page.waitForTimeout(3000);
    assert.doesNotMatch(extensionLog(workbench!).slice(logged), /Follow-through step:/);
    assert.equal(await toast(workbench!, /Finishing the Docker setup/).count(), 0);
  });
});
