import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { startRig, type Rig } from '../fixtures/rig/index';
import { clientHostBlock, writeSshWrapper } from '../fixtures/rig/clientSide';
import { assertRealDockerExtensionsPresent, containerRow, realDockerGenerations, showContainersView } from './realDockerExtensions';
import { Workbench } from './workbench';

const containerTools = realDockerGenerations.find((generation) => generation.name === 'Container Tools 2.4.5')!;

/**
 * Two windows of one editor (one code-server, two pages: they share the user settings and the machine's
 * docker config, as two desktop VS Code windows do, so a write at user scope would show in both), each
 * on its own folder, each told "Use for This Workspace" on its own rig host by a click in the Docker
 * Hosts view. With both open, the real Container Tools 2.4.5 in each lists its own host's containers
 * and not the other's, and the machine's docker context is still the default one.
 */
describe('two workspaces on two hosts at once, in the real Container Tools 2.4.5', function () {
  this.timeout(300_000);
  const rigs: Rig[] = [];
  const windows: Workbench[] = [];
  const ownContainer = (rig: Rig) => `own-${rig.user}`;
  let dir: string;
  let dockerConfig: string;
  let dockerConfigBefore: string;

  before(async () => {
    assertRealDockerExtensionsPresent();
    rigs.push(...(await Promise.all([startRig(), startRig()])));
    // Both rigs hold rig-idle; one more container on each makes the two lists differ.
    for (const rig of rigs) {
      execFileSync('docker', ['-H', `unix://${rig.dockerSocket}`, 'create', '--name', ownContainer(rig), '--network', 'none', rig.image, 'sleep', '3600'], { env: rig.env, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    dir = mkdtempSync(path.join(tmpdir(), 'rds-e2e-two-hosts-'));
    // One ssh config naming both hosts, each with its own key and known_hosts (a rig's own config ends
    // in a `Host *` that would pin the other host to the wrong known_hosts).
    const configFile = path.join(dir, 'ssh_config');
    writeFileSync(configFile, rigs.map(clientHostBlock).join('\n'), { mode: 0o600 });
    // The docker CLI runs plain `ssh`: this wrapper gives it that config, as the rig's does with its own.
    mkdirSync(path.join(dir, 'bin'));
    writeSshWrapper(path.join(dir, 'bin', 'ssh'), execFileSync('sh', ['-c', 'command -v ssh'], { encoding: 'utf8' }).trim(), configFile);
    dockerConfig = path.join(dir, 'docker-config');
    mkdirSync(dockerConfig);
    dockerConfigBefore = snapshot(dockerConfig);
    const folders = rigs.map((rig) => {
      const folder = path.join(dir, `project-${rig.user}`);
      mkdirSync(folder);
      return folder;
    });

    windows.push(
      await Workbench.open({
        codeServerVersion: containerTools.codeServerVersion,
        vsixFiles: [containerTools.vsix],
        settings: {
          'remote.SSH.configFile': configFile,
          'window.commandCenter': false,
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
          ...containerTools.viewSettings,
        },
        // VSCODE_CLI=1 keeps this environment for the server instead of a login shell's.
        env: { PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`, DOCKER_CONFIG: dockerConfig, SSH_AUTH_SOCK: '', VSCODE_CLI: '1' },
        workspaceFolder: folders[0],
        viewport: { width: 1400, height: 900 },
      }),
    );
    windows.push(await windows[0].openWindow(folders[1]));
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    for (const [index, wb] of windows.entries()) await wb.screenshot(`two-hosts-FAILED-window-${index + 1}`).catch(() => undefined);
  });

  after(async () => {
    for (const wb of [...windows].reverse()) await wb.close();
    await Promise.all(rigs.map((rig) => rig.stop()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('each window lists its own host\'s containers and not the other\'s, while both are open', async () => {
    for (const [index, wb] of windows.entries()) {
      const rig = rigs[index];
      await wb.page.locator('.part.activitybar .action-item a[aria-label^="Remote Docker"]').click();
      const hostRow = dockerHostsRow(wb, rig.alias);
      await hostRow.waitFor({ state: 'visible', timeout: 30_000 });
      await hostRow.hover();
      await hostRow.locator('.actions .action-label[aria-label="Use for This Workspace"]').click();
      // Long: on a loaded machine the second window's extension host was seen still activating after 30 s.
      await waitFor(() => workspaceDockerHost(wb) === `ssh://${rig.alias}`, `window ${index + 1}'s workspace settings name ssh://${rig.alias}`);
      await showContainersView(wb, containerTools);
    }

    // Both windows stay open. A reload starts each window's Container Tools afresh on the engine its
    // settings name now, so a list fetched before the other window's write cannot pass for the right
    // one (Container Tools polls every 60 s). The reloaded side bar comes back on the Containers views.
    for (const [index, wb] of windows.entries()) {
      const own = rigs[index];
      const other = rigs[1 - index];
      await wb.reload();
      await containerRow(wb, ownContainer(own)).waitFor({ state: 'visible', timeout: 60_000 });
      assert.ok(await containerRow(wb, own.container).isVisible(), `window ${index + 1} lists ${own.container}`);
      assert.equal(await containerRow(wb, ownContainer(other)).count(), 0, `window ${index + 1} lists ${ownContainer(other)}, the other host's container`);
      assert.equal(workspaceDockerHost(wb), `ssh://${own.alias}`);
    }
    for (const [index, wb] of windows.entries()) await wb.screenshot(`two-hosts-window-${index + 1}`);

    assert.deepEqual(userScopeDockerSettings(windows[0]), [], 'nothing was written at user or machine scope');
    assert.equal(snapshot(dockerConfig), dockerConfigBefore, 'the docker config dir (contexts, current context) changed');
    const context = execFileSync('docker', ['context', 'show'], { env: { ...process.env, DOCKER_CONFIG: dockerConfig, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, encoding: 'utf8' });
    assert.equal(context.trim(), 'default');
  });
});

function dockerHostsRow(wb: Workbench, label: string): Locator {
  return wb.page
    .locator('.part.sidebar .monaco-list-row')
    .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
    .first();
}

function workspaceFolderOf(wb: Workbench): string {
  const folder = new URL(wb.page.url()).searchParams.get('folder');
  if (!folder) throw new Error(`no folder in ${wb.page.url()}`);
  return folder;
}

function workspaceDockerHost(wb: Workbench): unknown {
  const file = path.join(workspaceFolderOf(wb), '.vscode', 'settings.json');
  if (!existsSync(file)) return undefined;
  const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { DOCKER_HOST?: unknown } | undefined>;
  return settings[containerTools.dockerHostKey]?.DOCKER_HOST;
}

/** The Docker settings keys in the user and machine settings files the two windows share. */
function userScopeDockerSettings(wb: Workbench): string[] {
  return ['Machine', 'User'].flatMap((scope) => {
    const file = path.join(wb.server.userDataDir, scope, 'settings.json');
    if (!existsSync(file)) return [];
    const keys = Object.keys(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
    return keys.filter((key) => /^(containers|docker)\.(environment|host)$/.test(key)).map((key) => `${scope}: ${key}`);
  });
}

/** Every file under `dir` with its contents, to compare before and after. */
function snapshot(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      return `${full}\n${entry.isFile() ? readFileSync(full, 'utf8') : '(dir)'}`;
    })
    .sort()
    .join('\n');
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
