// The real Docker extensions of three generations (built from their public source, in
// ../shared/vendor/docker-extensions) in a real workbench against the rig: open one, write DOCKER_HOST
// through our command as a user does, and wait until that extension's own Containers view lists a
// container. Used by `npm run test:vscode:generations` (test/generations/) and by `npm run bench`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { vendoredDockerExtensionsDir } from '../fixtures/gallery/gallery';
import type { CodeServerVersion } from '../harness/codeServer';
import type { Rig } from '../fixtures/rig/index';
import { Workbench } from './workbench';

export interface RealDockerGeneration {
  /** For test titles and bench lines. */
  readonly name: string;
  readonly vsix: string;
  /** Container Tools >= 2.3 declares engines.vscode ^1.105.0. */
  readonly codeServerVersion: CodeServerVersion;
  /** The title of its activity bar entry, whose view container holds the Containers view. */
  readonly activityBarTitle: string;
  /** The setting our command writes DOCKER_HOST into, for this generation. */
  readonly dockerHostKey: string;
  /** A flat list labelled by container name, so the row reads exactly the name. */
  readonly viewSettings: Record<string, unknown>;
}

export const realDockerGenerations: readonly RealDockerGeneration[] = [
  {
    name: 'Container Tools 2.4.5',
    vsix: path.join(vendoredDockerExtensionsDir, 'vscode-containers-2.4.5.vsix'),
    codeServerVersion: '4.105.1',
    activityBarTitle: 'Containers',
    dockerHostKey: 'containers.environment',
    viewSettings: { 'containers.containers.groupBy': 'None', 'containers.containers.label': 'ContainerName' },
  },
  {
    name: 'Docker 1.29.3',
    vsix: path.join(vendoredDockerExtensionsDir, 'vscode-docker-1.29.3.vsix'),
    codeServerVersion: '4.100.3',
    activityBarTitle: 'Docker',
    dockerHostKey: 'docker.environment',
    viewSettings: { 'docker.containers.groupBy': 'None', 'docker.containers.label': 'ContainerName' },
  },
  {
    name: 'Docker 1.22.2',
    vsix: path.join(vendoredDockerExtensionsDir, 'vscode-docker-1.22.2.vsix'),
    codeServerVersion: '4.100.3',
    activityBarTitle: 'Docker',
    dockerHostKey: 'docker.host',
    viewSettings: { 'docker.containers.groupBy': 'None', 'docker.containers.label': 'ContainerName' },
  },
];

/** Fails clearly when the vendored VSIX files are missing (they live outside the repository). */
export function assertRealDockerExtensionsPresent(): void {
  for (const generation of realDockerGenerations) {
    if (!existsSync(generation.vsix)) throw new Error(`${generation.name}: ${generation.vsix} is missing (../shared/vendor/docker-extensions)`);
  }
}

/**
 * A workbench with our VSIX and the generation's real VSIX, pointed at the rig the way a user's editor
 * would be: the rig's ssh config chosen in `remote.SSH.configFile`, its agent, and its `ssh` wrapper first on
 * PATH (the docker CLI runs plain `ssh`, which would read the machine's ~/.ssh/config otherwise).
 */
export async function openWithRealDockerExtension(generation: RealDockerGeneration, rig: Rig): Promise<Workbench> {
  return Workbench.open({
    codeServerVersion: generation.codeServerVersion,
    vsixFiles: [generation.vsix],
    settings: {
      'remote.SSH.configFile': rig.configFile,
      'window.commandCenter': false,
      // VS Code 1.105 opens the chat in the secondary side bar of a fresh profile: keep the view wide.
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...generation.viewSettings,
    },
    // VSCODE_CLI=1: the server keeps this environment instead of re-reading a login shell's (which would
    // reset PATH and lose the rig's ssh wrapper).
    env: { SSH_AUTH_SOCK: rig.env.SSH_AUTH_SOCK, PATH: rig.env.PATH, DOCKER_CONFIG: rig.env.DOCKER_CONFIG, VSCODE_CLI: '1' },
    viewport: { width: 1400, height: 900 },
  });
}

/** A row of the Docker extension's Containers view whose label is exactly `name`. */
export function containerRow(wb: Workbench, name: string) {
  return wb.page.locator('.pane-body .monaco-list-row .label-name', { hasText: new RegExp(`^\\s*${name}\\s*$`) }).first();
}

/** Opens the generation's views (which activates the extension) by clicking its activity bar entry, as a user does. */
export async function showContainersView(wb: Workbench, generation: RealDockerGeneration): Promise<void> {
  await wb.page.locator(`.part.activitybar a.action-label[aria-label^="${generation.activityBarTitle}"]`).first().click({ timeout: 60_000 });
  await wb.page.locator('.pane-header', { hasText: /^\s*Containers/i }).first().waitFor({ state: 'visible', timeout: 60_000 });
}

/**
 * Runs "Write DOCKER_HOST into the Docker Settings" as a user does (palette, the rig's alias, User
 * settings, no docker context) and returns the moment the extension logged the write (its log line's
 * own timestamp), so a measurement starts at the write and not at the clicks.
 */
export async function writeDockerHostThroughCommand(wb: Workbench, alias: string): Promise<number> {
  await wb.runCommand('Remote Docker: Write DOCKER_HOST into the Docker Settings');
  await pickRow(wb, new RegExp(`^\\s*${alias}\\b`));
  await pickRow(wb, 'User settings');
  await pickRow(wb, 'No, settings only');
  return waitForLogLine(wb, /\] DOCKER_HOST=\S+ written for /);
}

async function pickRow(wb: Workbench, label: string | RegExp): Promise<void> {
  const row = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  await row.click();
}

/** The time stamp of the first line of our log file that matches, once it is there. */
export async function waitForLogLine(wb: Workbench, pattern: RegExp, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const file = ourLogFile(wb.server.userDataDir);
    const line = file && readFileSync(file, 'utf8').split('\n').find((candidate) => pattern.test(candidate));
    if (line) {
      // "2026-12-02 01:10:00.123 [info] …", local time of this machine.
      const stamp = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
      if (!stamp) throw new Error(`log line without a time stamp: ${line}`);
      return new Date(`${stamp[1]}T${stamp[2]}`).getTime();
    }
    if (Date.now() > deadline) throw new Error(`no log line ${pattern} in ${file ?? 'the extension host logs'} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function ourLogFile(userDataDir: string): string | undefined {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'Remote Docker over SSH.log') found.push(full);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return found.sort().at(-1);
}

