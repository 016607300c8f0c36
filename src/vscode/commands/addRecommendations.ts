import * as vscode from 'vscode';
import { workspaceRecommendationIds } from '../../core/workspace/extensionsJson';
import { addFolderRecommendations, extensionsJsonUri } from '../workspace/extensionsJsonFile';

export interface AddRecommendationsArgs {
  /** The workspace folder (URI string or absolute path); asked for when omitted and there are several. */
  readonly folder?: string;
}

export interface AddRecommendationsResult {
  readonly file: string;
  readonly added: readonly string[];
}

/** `remoteDockerSsh.addRecommendations`: add Remote-SSH and the Docker extension to `.vscode/extensions.json`. */
export async function addRecommendations(args?: AddRecommendationsArgs): Promise<AddRecommendationsResult | undefined> {
  const folder = await chooseFolder(args?.folder);
  if (folder === undefined) {
    return undefined;
  }
  const edit = await addFolderRecommendations(folder, workspaceRecommendationIds());
  const file = extensionsJsonUri(folder);
  if (edit.added.length > 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} now recommends {1}.', vscode.workspace.asRelativePath(file, true), edit.added.join(', ')));
  } else if (edit.unwanted.length > 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} lists {1} as unwanted, so it was left as it is.', vscode.workspace.asRelativePath(file, true), edit.unwanted.join(', ')));
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already recommends these extensions.', vscode.workspace.asRelativePath(file, true)));
  }
  return { file: file.toString(), added: edit.added };
}

async function chooseFolder(given: string | undefined): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (given !== undefined) {
    const uri = /^[a-z][a-z0-9+.-]+:/i.test(given) && !given.startsWith('/') ? vscode.Uri.parse(given) : vscode.Uri.file(given);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder === undefined) {
      throw new Error(vscode.l10n.t('{0} is not a folder of this workspace.', given));
    }
    return folder.uri;
  }
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: recommendations live in its .vscode/extensions.json.'));
    return undefined;
  }
  if (folders.length === 1) {
    return folders[0].uri;
  }
  const picked = await vscode.window.showWorkspaceFolderPick({
    placeHolder: vscode.l10n.t('Which folder should recommend Remote-SSH and the Docker extension?'),
  });
  return picked?.uri;
}
