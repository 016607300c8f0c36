// A real VS Code workbench for e2e tests: code-server with the packaged VSIX installed into a fresh
// extensions dir, opened in Debian's Chromium through playwright-core. One Workbench per test file
// (start in before(), close in after()): a start costs a few seconds on this machine.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { appendFile, chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../harness/browser';
import { ensureVsixPackaged } from '../harness/build';
import { startCodeServer, type CodeServer, type CodeServerVersion } from '../harness/codeServer';
import { artifactsDir, remoteSshStandInPath } from '../harness/paths';
import { onExit } from '../harness/processGroups';
import { accountOf } from '../fixtures/rig/linuxUser';

export const screenshotsDir = path.join(artifactsDir, 'screenshots');

export interface WorkbenchOptions {
  /** Install the packaged extension (`remote-docker-ssh.vsix`, packaged now if stale). Default true. */
  installVsix?: boolean;
  /** More VSIX files to install (e.g. a real Docker extension from ../shared/vendor/docker-extensions). */
  vsixFiles?: string[];
  /** Which installed code-server runs (default 4.100.3; 4.105.1 for Container Tools >= 2.3). */
  codeServerVersion?: CodeServerVersion;
  /** Install the Remote-SSH stand-in; its calls are then in `standInCalls()`. Default false. */
  remoteSshStandIn?: boolean;
  /**
   * The loopback extension gallery (test/fixtures/gallery) this workbench installs from, as
   * EXTENSIONS_GALLERY. Without it every install fails at once (a closed loopback port). The stand-in
   * log is set up too, so stand-ins installed from the gallery record their calls in `standInCalls()`.
   */
  gallery?: { readonly productConfig: string };
  /** More unpacked extension folders (fixtures) to install. */
  extensionFolders?: string[];
  /** User settings, over the harness defaults (no startup editor, no port forwarding). */
  settings?: Record<string, unknown>;
  /** code-server's environment additions; the extension host inherits them (e.g. a rig's SSH_AUTH_SOCK). */
  env?: NodeJS.ProcessEnv;
  /** The folder the workbench opens (default: a fresh empty folder). */
  workspaceFolder?: string;
  viewport?: { width: number; height: number };
  /** Run code-server (extension host, terminals, the ssh they start) as this Linux user; needs root. */
  runAsUser?: string;
  /** A fixed port (see startCodeServer); `switchServer` passes the current one. */
  port?: number;
}

/** Starts code-server for `options`, the stand-in log (when given) writable by the user it runs as. */
async function startServerFor(options: WorkbenchOptions, standInLogFile: string | undefined): Promise<CodeServer> {
  const vsixFiles = [...(options.installVsix === false ? [] : [ensureVsixPackaged()]), ...(options.vsixFiles ?? [])];
  const extensionFolders = [...(options.remoteSshStandIn ? [remoteSshStandInPath] : []), ...(options.extensionFolders ?? [])];
  if (standInLogFile && options.runAsUser) {
    const account = accountOf(options.runAsUser);
    if (!account) throw new Error(`runAsUser: no passwd entry for ${options.runAsUser}`);
    await chmod(path.dirname(standInLogFile), 0o711);
    await appendFile(standInLogFile, '');
    await chown(standInLogFile, account.uid, account.gid);
  }
  return startCodeServer({
    version: options.codeServerVersion,
    vsixFiles,
    extensionFolders,
    settings: options.settings,
    env: {
      ...options.env,
      ...(standInLogFile ? { REMOTE_SSH_STAND_IN_LOG: standInLogFile } : {}),
      ...(options.gallery ? { EXTENSIONS_GALLERY: options.gallery.productConfig } : {}),
    },
    workspaceFolder: options.workspaceFolder,
    runAsUser: options.runAsUser,
    port: options.port,
  });
}

export interface StandInCall {
  command: string;
  args: unknown[];
  at: string;
}

export class Workbench {
  private constructor(
    public server: CodeServer,
    private readonly browser: LaunchedBrowser,
    readonly page: Page,
    private readonly ownTmp: string,
    private readonly forgetOwnTmp: () => void,
    /** The Remote-SSH stand-in's JSON-lines log, when it is installed. */
    readonly standInLogFile: string | undefined,
    /** False for a window from `openWindow`: its close() leaves the server and browser to the first. */
    private readonly ownsServer = true,
  ) {}

  /** Starts code-server and Chromium and resolves when the workbench is ready; cleans up if any step fails. */
  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const ownTmp = await mkdtemp(path.join(tmpdir(), 'rds-workbench-'));
    const forgetOwnTmp = onExit(() => rmSync(ownTmp, { recursive: true, force: true }));
    const standInLogFile = options.remoteSshStandIn || options.gallery ? path.join(ownTmp, 'remote-ssh-stand-in.jsonl') : undefined;
    let server: CodeServer | undefined;
    let browser: LaunchedBrowser | undefined;
    try {
      server = await startServerFor(options, standInLogFile);
      browser = await launchChromium(options.viewport);
      const page = await browser.context.newPage();
      const workbench = new Workbench(server, browser, page, ownTmp, forgetOwnTmp, standInLogFile);
      await page.goto(server.workbenchUrl(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await workbench.waitUntilReady();
      return workbench;
    } catch (error) {
      await browser?.close();
      await server?.stop();
      await rm(ownTmp, { recursive: true, force: true });
      forgetOwnTmp();
      throw error;
    }
  }

  /**
   * Another window of the same editor on `folder`: a second page of this code-server, with its own
   * extension host and workspace settings, and the same user settings and browser profile, as two
   * windows of one desktop VS Code share them. Its close() closes only its page.
   */
  async openWindow(folder: string): Promise<Workbench> {
    const page = await this.browser.context.newPage();
    const window = new Workbench(this.server, this.browser, page, this.ownTmp, () => undefined, this.standInLogFile, false);
    try {
      await page.goto(this.server.workbenchUrl({ folder }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await window.waitUntilReady();
      return window;
    } catch (error) {
      await page.close();
      throw error;
    }
  }

  /**
   * Stops this workbench's code-server and opens the page on another one started with `options`
   * on the same port. The page keeps its origin, so the workbench gives the new server's extension
   * host the same application storage (extension globalState), as one desktop VS Code gives its local
   * and remote windows one globalState. The e2e remote window is opened this way (test/README.md).
   * The stand-in log stays the same file.
   *
   * `betweenWindows` runs on a plain page of the new server's origin (`/healthz`) after the old
   * workbench has unloaded and before the new one loads, so it can change the stored application
   * state without either workbench holding a copy that would write it back.
   */
  async switchServer(options: WorkbenchOptions, betweenWindows?: (page: Page) => Promise<void>): Promise<void> {
    const port = this.server.port;
    await this.server.stop();
    this.server = await startServerFor({ ...options, port }, this.standInLogFile);
    if (betweenWindows) {
      await this.page.goto(`${this.server.origin}/healthz`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await betweenWindows(this.page);
    }
    await this.page.goto(this.server.workbenchUrl(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.waitUntilReady();
  }

  /**
   * Restarts code-server (a new process on the same port, same dirs) and reloads the page, as the
   * window reconnects after Remote-SSH's "Kill VS Code Server on Host".
   */
  async restartServer(): Promise<void> {
    await this.server.restart();
    await this.reload();
  }

  /** Reloads the page: a new extension host on the same server process (what a window reload does). */
  async reload(): Promise<void> {
    await this.page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.waitUntilReady();
  }

  /** The workbench is drawn and its status bar is there (the extension hosts start right after). */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /**
   * Runs a command the way a user does: F1, type its palette label ("Category: Title"), click the entry
   * whose label matches exactly. Until the label shows up (extension commands appear once their
   * extension's contributions are registered) it reopens the palette; once clicked, never again.
   */
  async runCommand(label: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const typed = `>${label}`;
    const entry = this.page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
    for (;;) {
      // Only to close an open quick input: in a Welcome page Escape is "Go Back" (on its list: close the tab).
      if ((await this.page.locator('.quick-input-widget:visible').count()) > 0) await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      try {
        // A first F1 right after start-up can go unanswered (seen on 4.105.1): press it again.
        await input.waitFor({ state: 'visible', timeout: 5000 });
        // Short: the palette can close again under us (focus moves at start-up); then the loop reopens it.
        await input.fill(typed, { timeout: 5000 });
        await entry.waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(500, deadline - Date.now())) });
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          await this.page.keyboard.press('Escape');
          throw new Error(`command palette has no entry "${label}" after ${timeoutMs} ms: ${(error as Error).message}`);
        }
      }
    }
    await entry.click();
    // Done when the palette closed or turned into the command's own quick pick.
    const settled = Date.now() + 10_000;
    while ((await input.isVisible()) && (await input.inputValue()) === typed) {
      if (Date.now() > settled) throw new Error(`the palette still shows "${label}" 10 s after the click`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Picks the entry of the open quick pick whose label is exactly `label` (e.g. after a command that asks). */
  async pickQuickItem(label: string, timeoutMs = 10_000): Promise<void> {
    const entry = this.page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
    await entry.waitFor({ state: 'visible', timeout: timeoutMs });
    await entry.click();
  }

  /**
   * Opens a walkthrough through VS Code's own picker (Welcome: Open Walkthrough... → `title`) and waits
   * for its page. (From an extension, `workbench.action.openWalkthrough` misses on the first call in
   * code-server 1.100; see test/README.md.)
   */
  async openWalkthrough(title: string, categoryId: string): Promise<void> {
    await this.runCommand('Welcome: Open Walkthrough...');
    await this.pickQuickItem(title);
    await this.walkthroughTitle(categoryId).waitFor({ state: 'visible', timeout: 20_000 });
  }

  /** The title of the open walkthrough page, when it shows `categoryId` (`<publisher>.<name>#<walkthroughId>`). */
  walkthroughTitle(categoryId: string): Locator {
    return this.page.locator(`.gettingStartedSlideDetails .category-title[x-category-title-for="${categoryId}"]`);
  }

  /**
   * The steps the open walkthrough page shows, in order: `id` is `<categoryId>#<stepId>`, `checked` is
   * the step's completion as the page draws it (aria-checked).
   */
  async walkthroughSteps(): Promise<{ id: string; title: string; checked: boolean }[]> {
    const steps = this.page.locator('.gettingStartedSlideDetails .getting-started-step');
    await steps.first().waitFor({ state: 'visible', timeout: 10_000 });
    return steps.evaluateAll((elements) =>
      elements.map((element) => ({
        id: element.getAttribute('data-step-id') ?? '',
        title: element.querySelector('.step-title')?.textContent?.trim() ?? '',
        checked: element.getAttribute('aria-checked') === 'true',
      })),
    );
  }

  /**
   * Waits for a modal dialog whose text (message + detail) matches `pattern` and returns it; the
   * workbench shows one when a command run from the palette throws, and for modal confirms.
   */
  async waitForDialog(pattern: RegExp, timeoutMs = 15_000): Promise<Locator> {
    const dialog = this.page.locator('.monaco-dialog-box').filter({ hasText: pattern }).first();
    await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
    return dialog;
  }

  /** Clicks the button labelled exactly `label` in the open modal dialog and waits for the dialog to close. */
  async clickDialogButton(label: string): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box').first();
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }).first().click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /**
   * VS Code >= 1.97 asks once per publisher before the first install from it ("Do you trust the
   * publisher …?"), as a user sees it. Clicks "Trust Publisher & Install" if that dialog is open now;
   * returns whether it was. Call it while waiting for an install.
   */
  async trustPublisherIfAsked(): Promise<boolean> {
    const dialog = this.page.locator('.monaco-dialog-box').filter({ hasText: /Do you trust the publisher/ }).first();
    if (!(await dialog.isVisible())) return false;
    await this.clickDialogButton('Trust Publisher & Install');
    return true;
  }

  /** The active editor's tab label, e.g. "Welcome" for a walkthrough. */
  activeTab(): Locator {
    return this.page.locator('.tabs-container .tab.active');
  }

  /** A full-page PNG in artifacts/screenshots/<name>.png (git-ignored); returns its path. */
  async screenshot(name: string): Promise<string> {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name "${name}" should be a plain file name`);
    await mkdir(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${name}.png`);
    // A file from an earlier run must never stand in for this one.
    await rm(file, { force: true });
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** The ids code-server lists as installed in its extensions dir (what it loads at the next start), lower case. */
  installedExtensionIds(): string[] {
    const listFile = path.join(this.server.extensionsDir, 'extensions.json');
    if (!existsSync(listFile)) return [];
    return (JSON.parse(readFileSync(listFile, 'utf8')) as { identifier: { id: string } }[]).map((entry) => entry.identifier.id.toLowerCase());
  }

  /** Every call the Remote-SSH stand-in recorded so far (empty when it was never called). */
  standInCalls(): StandInCall[] {
    if (!this.standInLogFile) throw new Error('the Remote-SSH stand-in is not installed: open with { remoteSshStandIn: true }');
    if (!existsSync(this.standInLogFile)) return [];
    return readFileSync(this.standInLogFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as StandInCall);
  }

  /** Closes Chromium and kills code-server's process group (a window from openWindow: only its page); safe to call twice and after a failed test. */
  async close(): Promise<void> {
    if (!this.ownsServer) {
      await this.page.close();
      return;
    }
    await this.browser.close();
    await this.server.stop();
    if (process.env.KEEP_TEST_DIRS !== '1') await rm(this.ownTmp, { recursive: true, force: true });
    this.forgetOwnTmp();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
