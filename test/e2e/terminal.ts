// Typing into and reading the integrated terminal of a real workbench, for commands whose prompts
// (ssh-keygen's passphrase, ssh-add's, ssh-copy-id's password) belong to the program in the terminal.
import type { Locator, Page } from 'playwright-core';

/**
 * Settings a workbench needs for `readTerminal`: the DOM renderer (the default WebGL/canvas renderers
 * draw the text into a canvas, where no locator can read it). Pass them in `Workbench.open({ settings })`.
 */
export const terminalDomSettings: Record<string, unknown> = {
  'terminal.integrated.gpuAcceleration': 'off',
};

/** The terminal that has the focus or was shown last (VS Code marks it `.active`). */
export function activeTerminal(page: Page): Locator {
  return page.locator('.terminal-wrapper.active .xterm').first();
}

/** The visible text of the active terminal, one line per row, trailing blanks trimmed. */
export async function readTerminal(page: Page): Promise<string> {
  const rows = activeTerminal(page).locator('.xterm-rows > div');
  const lines = await rows.allInnerTexts();
  return lines
    .map((line) => line.replace(/\u00a0/g, ' ').trimEnd())
    .join('\n')
    .trimEnd();
}

/** Waits until the active terminal shows text matching `pattern`; returns all of its text then. */
export async function waitForTerminalText(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    if (await activeTerminal(page).isVisible()) {
      text = await readTerminal(page);
      if (pattern.test(text)) return text;
    }
    if (Date.now() > deadline) {
      throw new Error(`the terminal did not show ${pattern} within ${timeoutMs} ms; it shows:\n${text}`);
    }
    await page.waitForTimeout(100);
  }
}

/**
 * Types `text` into the active terminal as keystrokes, as a user would, then Enter. The terminal's own
 * textarea gets the keys, so they reach the program's pty (a prompt that turns echo off sees them too).
 */
export async function typeIntoTerminal(page: Page, text: string): Promise<void> {
  const terminal = activeTerminal(page);
  await terminal.waitFor({ state: 'visible', timeout: 30_000 });
  await terminal.click();
  const textarea = terminal.locator('textarea.xterm-helper-textarea');
  await textarea.focus();
  if (text.length > 0) await textarea.pressSequentially(text, { delay: 15 });
  await textarea.press('Enter');
}

/** Answers one prompt: waits until it is shown (and is the newest text), then types the answer. */
export async function answerTerminalPrompt(page: Page, prompt: RegExp, answer: string, timeoutMs = 30_000): Promise<void> {
  await waitForTerminalText(page, prompt, timeoutMs);
  await typeIntoTerminal(page, answer);
}
