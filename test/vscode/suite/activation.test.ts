import { strict as assert } from 'node:assert';
import path from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

// The suites are bundled by webpack, which stands in for `require`; this is node's own one.
declare const __non_webpack_require__: NodeJS.Require;

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

  // issue 14: activation and the background rounds load dist/extension.js only; the commands' code
  // (dist/chunks/) is read when the first command runs. This file runs first, before any command.
  it('loads the commands\' code only when a command runs', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const api = (await extension.activate()) as { refreshSteps(): Promise<unknown> };
    const dist = path.join(extension.extensionUri.fsPath, 'dist');
    // The extension host loads extensions with node's own require, so its module cache shows what was read.
    const loaded = () => Object.keys(__non_webpack_require__.cache).filter((file) => file.startsWith(dist + path.sep));
    await api.refreshSteps();
    assert.deepEqual(loaded(), [path.join(dist, 'extension.js')], 'after activation and a full round of checks');
    await vscode.commands.executeCommand('remoteDockerSsh.showLog');
    assert.deepEqual(loaded().sort(), [path.join(dist, 'chunks/commands.js'), path.join(dist, 'extension.js')], 'after the first command');
  });
});
