import * as vscode from 'vscode';
import { WalkthroughId } from '../commandIds';
import { log } from '../log';

const walkthroughTitle = 'Remote Docker over SSH';

function activeTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.activeTabGroup.activeTab;
}

async function waitForOurTitle(timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited <= timeoutMs; waited += 100) {
    if (activeTab()?.label.includes(walkthroughTitle)) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Opens our walkthrough and never closes a tab. `workbench.action.openWalkthrough` does nothing
 * while any group's active Welcome editor shows a walkthrough with a selected step (a fresh
 * code-server profile opens its own "Setup VS Code Web" that way). The API cannot tell which
 * walkthrough a Welcome tab shows: code-server labels ours plain "Welcome", and a Welcome tab has
 * no input type. Closing such a tab closed our own page before (issue 12). Instead, when our title
 * is not confirmed, the Welcome editor goes back to its list of walkthroughs (`welcome.goBack`, a
 * no-op in any other editor) and ours is opened from there: the result is ours either way.
 */
export async function openWalkthrough(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WalkthroughId, false);
  if (await waitForOurTitle(1500)) {
    return;
  }
  const tab = activeTab();
  if (tab && tab.input === undefined) {
    log().info(`openWalkthrough: the active tab "${tab.label}" may show another walkthrough; going back to the list and opening ours from there`);
    await vscode.commands.executeCommand('welcome.goBack');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WalkthroughId, false);
  } else {
    log().warn(`openWalkthrough: our walkthrough is not the active tab (active: "${tab?.label ?? 'none'}")`);
  }
}
