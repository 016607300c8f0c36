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

  // The steps the workbench renders are read from the page in test/e2e/walkthrough.test.ts ("renders its title
  // and its steps"); reading packageJSON back here would only return this suite's own input.

  it('started no process before activate() returned, and its counter does count the checks that run later', async () => {
    const api = vscode.extensions.getExtension(extensionId)!.exports as { processesAtActivation: number; processesStarted(): number; refreshSteps(): Promise<unknown> };
    assert.equal(api.processesAtActivation, 0, 'activate() started processes before it returned');
    // The same counter sees the step checks, so the 0 above is a measurement and not a constant. The checks
    // run only for a chosen host: choose one on loopback port 1, which refuses at once.
    await vscode.commands.executeCommand(CommandIds.configureDockerHost, { target: 'dev@127.0.0.1:1', scope: 'user', dockerContext: false });
    const before = api.processesStarted();
    await api.refreshSteps();
    assert.ok(api.processesStarted() > before, 'refreshSteps ran checks but the process counter did not move');
  });
});
