import * as vscode from 'vscode';
import { WalkthroughId } from '../commandIds';

const walkthroughTitle = 'Remote Docker over SSH';

function activeTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.activeTabGroup.activeTab;
}

async function waitForOurWalkthrough(timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited <= timeoutMs; waited += 100) {
    if (activeTab()?.label.includes(walkthroughTitle)) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Opens our walkthrough. In a fresh profile the Welcome editor can come up on the editor's own
 * setup walkthrough instead (code-server does this on first launch), and while a Welcome editor
 * with a selected step is active, `openWalkthrough` leaves it as it is. So when our page is not
 * the active tab a moment later, that Welcome tab is closed and the walkthrough opened again.
 */
export async function openWalkthrough(): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WalkthroughId, false);
    if (await waitForOurWalkthrough(1500)) {
      return;
    }
    const other = activeTab();
    if (other && other.input === undefined) {
      // The Welcome editor has no tab input type in the API; an editor with one is not it.
      await vscode.window.tabGroups.close(other);
    }
  }
}
