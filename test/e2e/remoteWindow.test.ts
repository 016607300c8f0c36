import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { IntentLifetimeMs, IntentStateKey } from '../../src/core/remote/connectIntent';
import { openVsxLikeGalleryItems, startGallery, vendoredDockerExtensionsDir, type Gallery } from '../fixtures/gallery/gallery';
import { startRig, type Rig } from '../fixtures/rig/index';
import { accountOf, groupIdOf } from '../fixtures/rig/linuxUser';
import { containerRow, realDockerGenerations, showContainersView } from './realDockerExtensions';
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

/** Waits for a notification toast; on a timeout the failure shows the extension's log and a screenshot. */
async function waitForToast(workbench: Workbench, text: RegExp, timeoutMs = 60_000): Promise<Locator> {
  const found = toast(workbench, text).first();
  try {
    await found.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    await workbench.screenshot('remote-window-toast-missing');
    assert.fail(`no notification ${text} within ${timeoutMs} ms (screenshot remote-window-toast-missing); the log says:\n${extensionLog(workbench)}`);
  }
  return found;
}

/**
 * Waits until the notification center (the bell) lists a notification: the workbench shows at most
 * three toasts, a later one only there.
 */
async function waitForNotificationInCenter(workbench: Workbench, text: RegExp, timeoutMs = 30_000): Promise<void> {
  await workbench.runCommand('Notifications: Show Notifications');
  const entry = workbench.page.locator('.notifications-center .notification-list-item-message').filter({ hasText: text }).first();
  try {
    await entry.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    await workbench.screenshot('remote-window-notification-missing');
    assert.fail(`the notification center never listed ${text}; the log says:\n${extensionLog(workbench)}`);
  }
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

/** The local half: the palette command on the rig's host, until the stand-in is asked to open it. */
async function connectFromLocalWindow(workbench: Workbench, rig: Rig): Promise<void> {
  const before = workbench.standInCalls().length;
  await workbench.runCommand('Remote Docker: Connect to a Host and Install Docker There');
  await workbench.pickQuickItem(rig.alias);
  await waitForStandInCall(workbench, 'opensshremotes.openEmptyWindow', before);
  await waitForStoredIntent(workbench, (intent) => intent?.serverRestarts === 0, 'written');
  // Written once, however often the user connects.
  const settings = JSON.parse(readFileSync(path.join(workbench.server.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(settings['remote.SSH.defaultExtensions'], ['ms-azuretools.vscode-containers']);
}

function localWindow(rig: Rig): WorkbenchOptions {
  return { remoteSshStandIn: true, settings: { 'remote.SSH.configFile': rig.configFile }, env: rig.env };
}

/**
 * The extension's globalState as the workbench stored it: the web workbench keeps application
 * storage in the page's IndexedDB (`vscode-web-state-db-global`), under the extension's id.
 */
async function storedGlobalState(page: Page): Promise<Record<string, unknown>> {
  // A string: the test's TypeScript has no DOM types; this runs in the page.
  const text = await page.evaluate<string | undefined>(`new Promise((resolve, reject) => {
    const open = indexedDB.open('vscode-web-state-db-global');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('ItemTable').objectStore('ItemTable').get('remote-docker-ssh.remote-docker-ssh');
      get.onerror = () => reject(get.error);
      get.onsuccess = () => {
        open.result.close();
        resolve(typeof get.result === 'string' ? get.result : undefined);
      };
    };
  })`);
  return text === undefined ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** Writes the extension's stored globalState back, on a page where no workbench holds a copy (switchServer's betweenWindows). */
async function writeStoredGlobalState(page: Page, state: Record<string, unknown>): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('vscode-web-state-db-global');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const transaction = open.result.transaction('ItemTable', 'readwrite');
      transaction.objectStore('ItemTable').put(${JSON.stringify(JSON.stringify(state))}, 'remote-docker-ssh.remote-docker-ssh');
      transaction.oncomplete = () => {
        open.result.close();
        resolve(undefined);
      };
      transaction.onerror = () => reject(transaction.error);
    };
  })`);
}

/** Waits until the stored intent satisfies `expected` (storage is written in the background, a moment after the update). */
async function waitForStoredIntent(workbench: Workbench, expected: (intent: { serverRestarts?: number } | undefined) => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const intent = (await storedGlobalState(workbench.page))['remoteDockerSsh.pendingIntent'] as { serverRestarts?: number } | undefined;
    if (expected(intent)) return;
    if (Date.now() > deadline) assert.fail(`the stored intent is not ${what}: ${JSON.stringify(intent)}`);
    await workbench.page.waitForTimeout(200);
  }
}

/** The intent is gone: a reload of the window runs no follow-through (the status bar item shows the extension is up). */
async function assertNoFollowThroughOnReload(workbench: Workbench): Promise<void> {
  await waitForStoredIntent(workbench, (intent) => intent === undefined, 'cleared');
  const logged = extensionLog(workbench).length;
  await workbench.reload();
  await workbench.page.locator('.statusbar-item').filter({ has: workbench.page.locator('.codicon-server-environment, .codicon-remote') }).filter({ hasText: /ssh-remote|Remote Docker/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
  await workbench.page.waitForTimeout(3000);
  assert.doesNotMatch(extensionLog(workbench).slice(logged), /Follow-through step:/, 'a follow-through ran after the reload: the intent was kept');
  assert.equal(await toast(workbench, /Finishing the Docker setup/).count(), 0);
}

/**
 * The user's side of the group fix: *Add me to the docker group*, the terminal's `sudo usermod -aG
 * docker "$USER"` (then a key), *Restart and reconnect*; returns once the stand-in was asked to kill the server.
 */
async function acceptGroupFixUntilServerKill(workbench: Workbench, rig: Rig, screenshots: boolean): Promise<void> {
  const page = workbench.page;
  await clickToastButton(workbench, /refuses your user \(permission denied on its socket\)/, 'Add me to the docker group');
  if (screenshots) await workbench.screenshot('oneclick-10-remote-offers-docker-group');
  await waitForTerminalText(page, /Your user is in the docker group/, 60_000);
  assert.ok(inDockerGroupFile(rig.user), '/etc/group lists the rig user in docker');
  if (screenshots) await workbench.screenshot('oneclick-11-remote-usermod-terminal');
  await activeTerminal(page).locator('textarea.xterm-helper-textarea').press('Enter');

  const before = workbench.standInCalls().length;
  const dialog = await workbench.waitForDialog(/Restart the VS Code server on/, 60_000);
  assert.match(await dialog.innerText(), new RegExp(rig.alias));
  if (screenshots) await workbench.screenshot('oneclick-12-remote-restart-modal');
  await workbench.clickDialogButton('Restart and reconnect');
  await waitForStandInCall(workbench, 'opensshremotes.cleanCurrentRemoteServer', before);
  // Kept for the reconnected window, with the restart counted.
  await waitForStoredIntent(workbench, (intent) => intent?.serverRestarts === 1, 'kept with serverRestarts 1');
}

const containerTools = realDockerGenerations.find((generation) => generation.name.startsWith('Container Tools'))!;

/**
 * A remote window where the host has no Docker extension and the gallery serves Container Tools,
 * which needs VS Code 1.105: code-server 4.105.1 (its fresh profile opens the chat beside the views).
 */
function remoteWindowWithGallery(rig: Rig, gallery: Gallery): WorkbenchOptions {
  return remoteWindow(rig, {
    vsixFiles: [],
    gallery,
    codeServerVersion: containerTools.codeServerVersion,
    settings: { ...terminalDomSettings, 'workbench.secondarySideBar.defaultVisibility': 'hidden', ...containerTools.viewSettings },
  });
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
    workbench = await Workbench.open(localWindow(rig));
  });
  after(async () => {
    await workbench?.close();
    await repairGroup?.().catch(() => undefined);
    await rig?.stop();
  });

  it('the local window writes the intent and asks Remote-SSH to open the host', async () => {
    await connectFromLocalWindow(workbench!, rig!);
    assert.deepEqual(workbench!.standInCalls().map((call) => [call.command, call.args]), [['opensshremotes.openEmptyWindow', [{ host: rig!.alias }]]]);
    await waitForLog(workbench!, /Opening the remote window with opensshremotes\.openEmptyWindow/);
  });

  it('in the remote window (as the rig user, outside the docker group) adds the group, restarts the server and ends with a green engine', async () => {
    // The user starts outside the docker group, as on a fresh host.
    repairGroup = await rig!.breakOne('docker-socket-denied');
    const dockerGid = groupIdOf('docker')!;
    await workbench!.switchServer(remoteWindow(rig!));
    const firstServer = workbench!.server.pid;
    assert.ok(!groupsOf(firstServer).includes(dockerGid), 'the first server runs without the docker group');

    await acceptGroupFixUntilServerKill(workbench!, rig!, true);

    // What Remote-SSH's kill does: the server goes, the window reconnects to a new one.
    await workbench!.restartServer();
    assert.notEqual(workbench!.server.pid, firstServer, 'a new server process');
    assert.ok(groupsOf(workbench!.server.pid).includes(dockerGid), 'the new server has the docker group');

    await waitForToast(workbench!, /Docker on .* is ready/, 90_000);
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
    await assertNoFollowThroughOnReload(workbench!);
  });
});

describe('the remote window: every branch of the follow-through, each from a real connect in the local window', function () {
  let rig: Rig | undefined;
  let workbench: Workbench | undefined;
  let gallery: Gallery | undefined;

  before(async () => {
    rig = await startRig();
    gallery = await startGallery(openVsxLikeGalleryItems());
    workbench = await Workbench.open(localWindow(rig));
  });
  after(async () => {
    await workbench?.close();
    await gallery?.close();
    await rig?.stop();
  });
  beforeEach(async () => {
    // Every test starts in a local window (same origin: the intent it writes reaches the next server).
    if (workbench!.server.account !== undefined || extensionLog(workbench!).includes('Follow-through')) await workbench!.switchServer(localWindow(rig!));
    await connectFromLocalWindow(workbench!, rig!);
  });

  it('no Docker extension on the host and the gallery down: the install fails, the user is told, the intent is cleared', async () => {
    await workbench!.switchServer(remoteWindow(rig!, { vsixFiles: [] }));
    await waitForToast(workbench!, /Could not install ms-azuretools\.vscode-containers/, 60_000);
    await waitForLog(workbench!, /Follow-through step: give-up/);
    await workbench!.screenshot('oneclick-20-remote-install-fails');
    await waitForNotificationInCenter(workbench!, /The Docker extension could not be installed on/);
    await workbench!.screenshot('oneclick-20-remote-install-fails');
    assert.ok(!readdirSync(workbench!.server.extensionsDir).some((name) => name.startsWith('ms-azuretools.')), 'nothing was installed');
    assert.match(extensionLog(workbench!), /Follow-through step: install-extension[\s\S]*Follow-through step: give-up/);
    assert.doesNotMatch(extensionLog(workbench!), /Follow-through step: check-engine/);
    await assertNoFollowThroughOnReload(workbench!);
  });

  it('the engine is down: the user is told what the engine said, the intent is cleared', async () => {
    const repair = await rig!.breakOne('dockerd-stopped');
    try {
      await workbench!.switchServer(remoteWindow(rig!));
      await waitForToast(workbench!, /Docker on .* is not ready yet: The Docker engine on the host does not answer/, 60_000);
      await workbench!.screenshot('oneclick-21-remote-engine-down');
      assert.match(extensionLog(workbench!), /Engine: fail \(docker-daemon-down\)/);
      await assertNoFollowThroughOnReload(workbench!);
    } finally {
      await repair();
    }
  });

  it('no docker CLI on the host: the user is told, the intent is cleared', async () => {
    // The server takes its extension host's PATH from the user's login shell (as a VS Code server does):
    // a login PATH without docker is what "no docker on this host" looks like to it.
    const profile = path.join(accountOf(rig!.user)!.home, '.profile');
    writeFileSync(profile, 'PATH=/usr/sbin:/sbin\nexport PATH\n');
    try {
      await workbench!.switchServer(remoteWindow(rig!));
      await waitForToast(workbench!, /Docker on .* is not ready yet: The docker CLI is not installed on the host/, 60_000);
      assert.match(extensionLog(workbench!), /Engine: fail \(remote-docker-missing\)/);
      await assertNoFollowThroughOnReload(workbench!);
    } finally {
      rmSync(profile, { force: true });
    }
  });

  it('the group fix declined: nothing changes on the host, the user is told, the intent is cleared', async () => {
    const repair = await rig!.breakOne('docker-socket-denied');
    try {
      await workbench!.switchServer(remoteWindow(rig!));
      const offer = toast(workbench!, /refuses your user \(permission denied on its socket\)/).first();
      await offer.waitFor({ state: 'visible', timeout: 60_000 });
      await offer.hover();
      await offer.locator('.codicon-notifications-clear').first().click();
      await waitForToast(workbench!, /Docker on .* is not ready yet: The Docker socket on the host refuses this user/, 60_000);
      assert.ok(!inDockerGroupFile(rig!.user), 'the group was not changed');
      assert.doesNotMatch(extensionLog(workbench!), /usermod:/);
      assert.deepEqual(workbench!.standInCalls().filter((call) => call.command === 'opensshremotes.cleanCurrentRemoteServer'), []);
      await assertNoFollowThroughOnReload(workbench!);
    } finally {
      await repair();
    }
  });

  it('cancel while the group fix is offered: nothing changes, the intent is cleared', async () => {
    const repair = await rig!.breakOne('docker-socket-denied');
    try {
      await workbench!.switchServer(remoteWindow(rig!));
      await waitForToast(workbench!, /refuses your user/, 60_000);
      const progress = toast(workbench!, /Finishing the Docker setup on/).first();
      await progress.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
      await waitForLog(workbench!, /Follow-through cancelled by the user; intent cleared\./);
      assert.ok(!inDockerGroupFile(rig!.user), 'the group was not changed');
      assert.doesNotMatch(extensionLog(workbench!), /usermod:|Follow-through step: give-up/);
      await assertNoFollowThroughOnReload(workbench!);
    } finally {
      await repair();
    }
  });

  it('a restart that keeps the old server: the process without the group is named with the exact command, and no second restart', async () => {
    const repair = await rig!.breakOne('docker-socket-denied');
    try {
      await workbench!.switchServer(remoteWindow(rig!));
      await acceptGroupFixUntilServerKill(workbench!, rig!, false);
      // The failure users report: the window reconnects, but to the same old server process.
      const oldServer = workbench!.server.pid;
      await workbench!.reload();
      const stale = toast(workbench!, /still runs without it/).first();
      await stale.waitFor({ state: 'visible', timeout: 60_000 });
      await workbench!.screenshot('oneclick-22-remote-stale-server');
      const text = (await stale.innerText()).replace(/\u00a0/g, ' ');
      const named = /process (\d+)\) still runs without it[\s\S]*run kill (\d+), then connect again/.exec(text);
      assert.ok(named, `the message names the process and the command: ${text}`);
      assert.equal(named[1], named[2]);
      const pid = Number(named[1]);
      // The process named is this code-server's, runs as the rig user, and really lacks the group.
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      assert.equal(Number(/^Uid:\s+(\d+)/m.exec(status)![1]), workbench!.server.account!.uid);
      assert.equal(Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]), oldServer, 'in the server\'s process group');
      assert.ok(!groupsOf(pid).includes(groupIdOf('docker')!));
      assert.equal(workbench!.server.pid, oldServer);
      const log = extensionLog(workbench!);
      assert.equal(log.match(/Follow-through step: restart-server/g)?.length, 1, 'one restart only');
      assert.match(log, /Follow-through step: give-up-stale-server/);
      await assertNoFollowThroughOnReload(workbench!);
    } finally {
      await repair();
    }
  });

  it('the UI side (our extension local only): the engine check goes over ssh and passes', async () => {
    await workbench!.switchServer({
      remoteSshStandIn: true,
      settings: { 'remote.SSH.configFile': rig!.configFile },
      env: { ...rig!.env, [seam]: 'ssh-remote:ui' },
    });
    await waitForLog(workbench!, /Follow-through step: done/, 90_000);
    // Below the install failure and the progress toasts (at most three show): the center lists it.
    await waitForNotificationInCenter(workbench!, /Docker on .* is ready: the engine answers over SSH/);
    await workbench!.screenshot('oneclick-23-remote-ui-side-ready');
    const log = extensionLog(workbench!);
    // On the UI side the host's extensions are out of sight: the install is tried (and fails here: no gallery), the check decides.
    assert.match(log, /Follow-through step: install-extension[\s\S]*Follow-through step: check-engine[\s\S]*Engine: pass[\s\S]*Follow-through step: done/);
    await assertNoFollowThroughOnReload(workbench!);
  });

  it('no Docker extension on the host, the gallery up: Container Tools installs on the host from it, runs, and the engine passes', async () => {
    const downloadsBefore = gallery!.vsixDownloads().length;
    await workbench!.switchServer(remoteWindowWithGallery(rig!, gallery!));
    assert.ok(!workbench!.installedExtensionIds().includes('ms-azuretools.vscode-containers'), 'the host starts without it');
    const ready = toast(workbench!, /Docker on .* is ready/).first();
    const deadline = Date.now() + 120_000;
    while (!(await ready.isVisible())) {
      // A first install from a publisher asks for trust, as for a user.
      await workbench!.trustPublisherIfAsked();
      if (Date.now() > deadline) {
        await workbench!.screenshot('remote-window-install-not-ready');
        assert.fail(`not ready within 120 s; gallery requests: ${JSON.stringify(gallery!.requests())}\nlog:\n${extensionLog(workbench!)}`);
      }
      await workbench!.page.waitForTimeout(250);
    }
    assert.match(await ready.innerText(), /ms-azuretools\.vscode-containers is installed on the host and the engine answers/);
    await workbench!.screenshot('oneclick-24-remote-install-works');

    // Installed for real: downloaded from the gallery into the host's extensions dir.
    assert.deepEqual(gallery!.vsixDownloads().slice(downloadsBefore), ['ms-azuretools.vscode-containers']);
    assert.ok(workbench!.installedExtensionIds().includes('ms-azuretools.vscode-containers'), 'extensions.json lists it');
    assert.ok(existsSync(path.join(workbench!.server.extensionsDir, 'ms-azuretools.vscode-containers-2.4.5', 'package.json')));
    assert.match(extensionLog(workbench!), /Follow-through step: install-extension[\s\S]*Installed ms-azuretools\.vscode-containers[\s\S]*Follow-through step: check-engine[\s\S]*Engine: pass[\s\S]*Follow-through step: done/);
    // And it runs on the host: its Containers view lists the rig's container through the host's socket.
    await showContainersView(workbench!, containerTools);
    await containerRow(workbench!, rig!.container).waitFor({ state: 'visible', timeout: 60_000 });
    await workbench!.screenshot('oneclick-25-remote-container-tools-lists');
    await assertNoFollowThroughOnReload(workbench!);
  });

  it('an intent older than its lifetime: the follow-through installs nothing, asks nothing, and clears it', async () => {
    const downloadsBefore = gallery!.vsixDownloads().length;
    const callsBefore = workbench!.standInCalls().length;
    // The intent the local window just wrote, made older than the lifetime in the store both windows read.
    await workbench!.switchServer(remoteWindowWithGallery(rig!, gallery!), async (page) => {
      const state = await storedGlobalState(page);
      const intent = state[IntentStateKey] as { createdAt: number };
      await writeStoredGlobalState(page, { ...state, [IntentStateKey]: { ...intent, createdAt: intent.createdAt - IntentLifetimeMs - 60_000 } });
    });
    await waitForLog(workbench!, /The connect intent is older than 10 minutes; discarded\./);
    await waitForStoredIntent(workbench!, (intent) => intent === undefined, 'cleared');
    // Time for an install or a question to show, had the intent been taken.
    await workbench!.page.waitForTimeout(3000);
    const log = extensionLog(workbench!);
    assert.match(log, /Follow-through step: discard-expired/);
    assert.doesNotMatch(log, /Follow-through step: (install-extension|check-engine)|Installing ms-azuretools/);
    assert.deepEqual(gallery!.vsixDownloads().slice(downloadsBefore), [], 'nothing was downloaded');
    assert.ok(!workbench!.installedExtensionIds().some((id) => id.startsWith('ms-azuretools.')), 'nothing was installed');
    // The follow-through asks nothing. What shows is the window's standing offer of an SSH window
    // without the Docker extension (recommendationPrompt), which a live intent holds back: the
    // expired intent no longer does, so this window is like any the user opened by hand.
    const standingOffer = /is not installed on this SSH host\. Install it there so it talks to the engine on the host\?/;
    const shown = await toast(workbench!, /Docker|docker group|Install/).allInnerTexts();
    assert.deepEqual(shown.filter((text) => !standingOffer.test(text)), [], 'no notification from the follow-through');
    assert.equal(shown.length, 1, `the standing offer, once: ${JSON.stringify(shown)}`);
    assert.equal(await workbench!.page.locator('.monaco-dialog-box').count(), 0, 'no dialog');
    assert.equal(workbench!.standInCalls().length, callsBefore, 'no server restart or other Remote-SSH call');
    await assertNoFollowThroughOnReload(workbench!);
  });
});
