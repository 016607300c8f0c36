import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/vscode/commandIds';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

describe('walkthrough commands in the real extension host', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
  });

  it('registers every remoteDockerSsh command of the command table', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = Object.values(CommandIds).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('contributes the walkthrough with its steps to the workbench', () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as { contributes: { walkthroughs: { id: string; steps: unknown[] }[] } };
    const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'remoteDockerSsh.setup');
    assert.ok(walkthrough && walkthrough.steps.length >= 14);
  });

  it('activated without running checks before activate() returned, and says how long it took', () => {
    const api = vscode.extensions.getExtension(extensionId)!.exports as { activationMs: number };
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs >= 0);
  });
});
