import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { addFolderRecommendations } from '../../../src/vscode/workspace/extensionsJsonFile';

// The extensions.json writer in the real extension host: workspace.fs on disk, and the editor's
// buffer when the file is open. The fixture has comments and trailing commas.
const repoRoot = process.env.RDS_REPO_ROOT ?? '';
const fixture = readFileSync(path.join(repoRoot, 'test/fixtures/extensions-json/with-comments.jsonc'), 'utf8');
const ids = ['ms-vscode-remote.remote-ssh', 'ms-azuretools.vscode-containers'];

function recommendations(text: string): string[] {
  return (parse(text, [], { allowTrailingComma: true }) as { recommendations: string[] }).recommendations;
}

describe('.vscode/extensions.json editing in the extension host', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(process.env.RDS_VSCODE_TEST_RUN_DIR ?? tmpdir(), 'ext-json-'));
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the comments and trailing commas of the fixture and adds each id once', async () => {
    mkdirSync(path.join(folder, '.vscode'));
    const file = path.join(folder, '.vscode', 'extensions.json');
    writeFileSync(file, fixture);
    const edit = await addFolderRecommendations(vscode.Uri.file(folder), ids);
    assert.deepEqual(edit.added, ids);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes('// Recommended for everyone who opens this repository.'));
    assert.ok(text.includes('"dbaeumer.vscode-eslint", // linting'));
    assert.ok(text.includes('/* formatting */ "esbenp.prettier-vscode",'));
    assert.ok(text.includes('"unwantedRecommendations": [],\n}'), 'the trailing comma after the last member is kept');
    assert.deepEqual(recommendations(text), ['dbaeumer.vscode-eslint', 'esbenp.prettier-vscode', ...ids]);

    const again = await addFolderRecommendations(vscode.Uri.file(folder), ids);
    assert.deepEqual(again.added, []);
    assert.equal(readFileSync(file, 'utf8'), text);
  });

  it('creates .vscode/extensions.json when it is missing', async () => {
    await addFolderRecommendations(vscode.Uri.file(folder), ids);
    const file = path.join(folder, '.vscode', 'extensions.json');
    assert.ok(existsSync(file));
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { recommendations: ids });
  });

  it('edits an open file with unsaved changes through the editor, keeping what the user typed', async () => {
    mkdirSync(path.join(folder, '.vscode'));
    const file = path.join(folder, '.vscode', 'extensions.json');
    writeFileSync(file, fixture);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 1), '\n    // typed, not saved yet'));
    assert.ok(document.isDirty);

    await addFolderRecommendations(vscode.Uri.file(folder), ids);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes('// typed, not saved yet'), 'the unsaved line reached the file');
    assert.ok(text.includes('"dbaeumer.vscode-eslint", // linting'));
    assert.deepEqual(recommendations(text), ['dbaeumer.vscode-eslint', 'esbenp.prettier-vscode', ...ids]);
    assert.equal(document.isDirty, false);
  });

  it('leaves a file it cannot parse untouched', async () => {
    mkdirSync(path.join(folder, '.vscode'));
    const file = path.join(folder, '.vscode', 'extensions.json');
    writeFileSync(file, '{ "recommendations": [ "a.b", ');
    await assert.rejects(addFolderRecommendations(vscode.Uri.file(folder), ids), /not valid JSON/);
    assert.equal(readFileSync(file, 'utf8'), '{ "recommendations": [ "a.b", ');
  });
});
