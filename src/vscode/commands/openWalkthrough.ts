import * as vscode from 'vscode';
import { WalkthroughId } from '../commandIds';
import { log } from '../log';

const walkthroughTitle = 'Remote Docker over SSH';

function activeTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.activeTabGroup.activeTab;
}

/**
 * What the API lets us know about a tab. The Welcome editor has no tab input type in the API, and
 * its label is either "Walkthrough: <title>" (VS Code, VSCodium) or plain "Welcome" (code-server,
 * whatever walkthrough it shows). Only a label that names another walkthrough proves it is not ours.
 */
export type WalkthroughTabKind = 'ours' | 'maybe-ours' | 'other-walkthrough' | 'not-welcome';

export function classifyWalkthroughTab(tab: { label: string; input: unknown } | undefined): WalkthroughTabKind {
  if (!tab) {
    return 'not-welcome';
  }
  if (tab.label.includes(walkthroughTitle)) {
    return 'ours';
  }
  if (tab.input !== undefined) {
    return 'not-welcome';
  }
  // "Walkthrough: X" names its walkthrough; a bare "Welcome" could be ours.
  return /^[^:]+:\s*\S/.test(tab.label) ? 'other-walkthrough' : 'maybe-ours';
}

async function waitForWelcomeTab(timeoutMs: number): Promise<WalkthroughTabKind> {
  let kind = classifyWalkthroughTab(activeTab());
  for (let waited = 0; waited < timeoutMs && kind !== 'ours'; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    kind = classifyWalkthroughTab(activeTab());
    if (kind === 'maybe-ours' && waited >= 500) {
      // Give a titled label a moment to appear (VS Code renames the tab once the category is shown).
      return kind;
    }
  }
  return kind;
}

/**
 * Opens our walkthrough. In a fresh profile the Welcome editor can come up on another walkthrough
 * (the editor's own setup), and while that one is active `openWalkthrough` may leave it as it is.
 * A tab is closed only when its label names another walkthrough: closing a tab we cannot tell
 * apart from ours (code-server labels every Welcome tab "Welcome") closed our own page before.
 */
export async function openWalkthrough(): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WalkthroughId, false);
    const kind = await waitForWelcomeTab(1500);
    if (kind === 'ours' || kind === 'maybe-ours') {
      return;
    }
    const other = activeTab();
    if (kind === 'other-walkthrough' && other) {
      log().info(`openWalkthrough: the active tab "${other.label}" is another walkthrough; closing it and opening ours again`);
      await vscode.window.tabGroups.close(other);
    }
  }
  log().warn(`openWalkthrough: our walkthrough is not the active tab after three attempts (active: "${activeTab()?.label ?? 'none'}")`);
}
