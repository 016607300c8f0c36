import * as vscode from 'vscode';
import { WalkthroughId } from '../commandIds';
import { log } from '../log';

const walkthroughTitle = 'Remote Docker over SSH';

function activeTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.activeTabGroup.activeTab;
}

/** The API gives a Welcome editor's tab no input type (nor a distinct label in code-server). */
function mayBeWelcome(tab: vscode.Tab): boolean {
  return tab.input === undefined;
}

async function waitForActiveTab(accept: (tab: vscode.Tab) => boolean, timeoutMs: number): Promise<vscode.Tab | undefined> {
  for (let waited = 0; waited <= timeoutMs; waited += 100) {
    const tab = activeTab();
    if (tab && accept(tab)) {
      return tab;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

/**
 * From VS Code 1.105 on, every Welcome editor matches every other one, so opening ours in a group that
 * already holds a Welcome tab only brings that tab forward with whatever it shows, and while it is the
 * active editor the open is forced into the background (microsoft/vscode#267223, #268943).
 */
function welcomeEditorsShareOneTab(): boolean {
  const [major, minor] = vscode.version.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 105);
}

/** The tab our walkthrough opened in on 1.105 and later; the API keeps one Tab object per open tab. */
let ourTab: vscode.Tab | undefined;

function isStillOpen(tab: vscode.Tab | undefined): tab is vscode.Tab {
  return tab !== undefined && vscode.window.tabGroups.all.some((group) => group.tabs.includes(tab));
}

/** By view column (1-based, the grid order the API uses too). */
const focusGroupCommands = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth'].map((nth) => `workbench.action.focus${nth}EditorGroup`);

/**
 * 1.105 and later: the tab ours opened in earlier is brought forward; otherwise ours opens in a group
 * without a Welcome tab, a new one to the right when the active group has one. `welcome.goBack` is
 * never used here: on a Welcome list it closes the tab.
 */
async function openBesideWelcomeTabs(): Promise<void> {
  const focusOurGroup = isStillOpen(ourTab) ? focusGroupCommands[ourTab.group.viewColumn - 1] : undefined;
  if (ourTab && focusOurGroup) {
    if (!ourTab.group.isActive) {
      await vscode.commands.executeCommand(focusOurGroup);
    }
    if (!ourTab.isActive) {
      // The group's first Welcome tab comes forward: ours, unless the user opened another one there.
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', WalkthroughId, false);
    }
    return;
  }
  const known = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs));
  if (vscode.window.tabGroups.activeTabGroup.tabs.some(mayBeWelcome)) {
    log().info('openWalkthrough: the active editor group holds a Welcome tab that cannot switch to our walkthrough; opening it in a new group to the right');
    await vscode.commands.executeCommand('workbench.action.newGroupRight');
  }
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WalkthroughId, false);
  // The command returns before its editor is open; a tab that was there before is not ours.
  ourTab = await waitForActiveTab((tab) => mayBeWelcome(tab) && !known.has(tab), 3000);
  if (!ourTab) {
    log().warn(`openWalkthrough: our walkthrough is not the active tab (active: "${activeTab()?.label ?? 'none'}")`);
  }
}

/**
 * Opens our walkthrough and never closes a tab. Up to 1.104, `workbench.action.openWalkthrough` does
 * nothing while any group's active Welcome editor shows a walkthrough with a selected step (a fresh
 * code-server profile opens its own "Setup VS Code Web" that way). The API cannot tell which
 * walkthrough a Welcome tab shows: code-server labels ours plain "Welcome", and a Welcome tab has
 * no input type. Closing such a tab closed our own page before (issue 12). Instead, when our title
 * is not confirmed, the Welcome editor goes back to its list of walkthroughs (`welcome.goBack`, a
 * no-op in any other editor) and ours is opened from there: the result is ours either way.
 */
export async function openWalkthrough(): Promise<void> {
  if (welcomeEditorsShareOneTab()) {
    await openBesideWelcomeTabs();
    return;
  }
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WalkthroughId, false);
  if (await waitForActiveTab((tab) => tab.label.includes(walkthroughTitle), 1500)) {
    return;
  }
  const tab = activeTab();
  if (tab && mayBeWelcome(tab)) {
    log().info(`openWalkthrough: the active tab "${tab.label}" may show another walkthrough; going back to the list and opening ours from there`);
    await vscode.commands.executeCommand('welcome.goBack');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WalkthroughId, false);
  } else {
    log().warn(`openWalkthrough: our walkthrough is not the active tab (active: "${tab?.label ?? 'none'}")`);
  }
}
