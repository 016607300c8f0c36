import * as vscode from 'vscode';
import { addRecommendations, missingRecommendations, type RecommendationEdit } from '../../core/workspace/extensionsJson';
import { BadInputError } from '../../core/errors';
import { log } from '../log';

/** `.vscode/extensions.json` of a workspace folder. */
export function extensionsJsonUri(folder: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(folder, '.vscode', 'extensions.json');
}

/** The file text, or undefined when it does not exist. An open editor's text wins over the disk. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) {
    return open.getText();
  }
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      return undefined;
    }
    throw error;
  }
}

export async function missingFolderRecommendations(folder: vscode.Uri, ids: readonly string[]): Promise<string[]> {
  return missingRecommendations(await readText(extensionsJsonUri(folder)), ids);
}

/**
 * Adds `ids` to the folder's extensions.json (creating it when missing). Never in an untrusted
 * workspace: its files are not ours to change until the user trusts it. When the file is open
 * with unsaved changes the edit goes through the editor, so nothing the user typed is lost.
 */
export async function addFolderRecommendations(folder: vscode.Uri, ids: readonly string[]): Promise<RecommendationEdit> {
  if (!vscode.workspace.isTrusted) {
    throw new BadInputError(vscode.l10n.t('This workspace is not trusted, so its files are left unchanged. Trust the workspace, then try again.'));
  }
  const uri = extensionsJsonUri(folder);
  const before = await readText(uri);
  const edit = addRecommendations(before, ids);
  if (edit.added.length === 0) {
    return edit;
  }
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) {
    const whole = new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length));
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.replace(uri, whole, edit.text);
    if (!(await vscode.workspace.applyEdit(workspaceEdit)) || !(await open.save())) {
      throw new Error(vscode.l10n.t('Could not update {0}.', uri.fsPath));
    }
  } else {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, '.vscode'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(edit.text));
  }
  log().info(`Added ${edit.added.join(', ')} to ${uri.toString()}`);
  return edit;
}
