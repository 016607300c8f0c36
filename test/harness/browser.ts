import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { onExit } from './processGroups';

/** Debian's chromium: playwright-core never downloads a browser of its own. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless on a 2-core machine with no GPU and no network beyond loopback: no sandbox (root), no GPU,
// no QUIC, nothing that phones home or updates itself, and /tmp instead of a small /dev/shm.
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface LaunchedBrowser {
  browser: Browser;
  /** A fresh context: no cookies, no storage, so no walkthrough progress from an earlier run. */
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(viewport = { width: 1400, height: 900 }): Promise<LaunchedBrowser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: run \`npm run test:setup\` (Debian package chromium).`);
  }
  // Chromium keeps crash reports and caches under XDG dirs (~/.config/chromium): keep them in a temp dir.
  const home = await mkdtemp(path.join(tmpdir(), 'rds-chromium-'));
  const forgetExit = onExit(() => rmSync(home, { recursive: true, force: true }));
  const removeHome = async (): Promise<void> => {
    await rm(home, { recursive: true, force: true });
    forgetExit();
  };
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
      timeout: 60_000,
      // TMPDIR inside home, which is removed on close: Chromium's own temp files never stay in /tmp.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache'), TMPDIR: home },
    });
  } catch (error) {
    await removeHome();
    throw error;
  }
  try {
    const context = await browser.newContext({ viewport });
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= browser
        .close()
        .catch(() => undefined)
        .then(removeHome);
      return closing;
    };
    return { browser, context, close };
  } catch (error) {
    await browser.close().catch(() => undefined);
    await removeHome();
    throw error;
  }
}
