import { strict as assert } from 'node:assert';
import path from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

interface ContributedCommand {
  command: string;
}

describe('the extension in the real extension host', () => {
  it('is the development copy from this repository', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not known to the extension host`);
    assert.equal(path.resolve(extension.extensionUri.fsPath), path.resolve(process.env.RDS_REPO_ROOT ?? '<RDS_REPO_ROOT unset>'));
  });

  it('activates', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command that package.json contributes', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    const contributed = ((extension.packageJSON.contributes?.commands ?? []) as ContributedCommand[]).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
