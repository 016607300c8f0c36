import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';

// The runner installs test/fixtures/extensions/remote-ssh-stand-in and names its log file in
// REMOTE_SSH_STAND_IN_LOG; this proves the fixture other suites rely on records what it is asked.
interface StandInCall {
  command: string;
  args: unknown[];
  at: string;
}

function readCalls(logFile: string): StandInCall[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StandInCall);
}

describe('the Remote-SSH stand-in fixture', () => {
  const logFile = process.env.REMOTE_SSH_STAND_IN_LOG ?? '';

  before(() => {
    assert.ok(logFile, 'the runner sets REMOTE_SSH_STAND_IN_LOG');
  });

  it('is installed under the Remote-SSH id', () => {
    const extension = vscode.extensions.getExtension('ms-vscode-remote.remote-ssh');
    assert.ok(extension, 'ms-vscode-remote.remote-ssh is not installed');
    assert.equal(extension.packageJSON.version, '0.0.1-stand-in');
  });

  it('records opensshremotes.openEmptyWindow with its arguments', async () => {
    const before = readCalls(logFile).length;
    const request = { host: 'rig-alias', userName: 'tester', port: 2222 };
    const result = await vscode.commands.executeCommand('opensshremotes.openEmptyWindow', request);
    assert.equal(result, undefined, 'the stand-in must not pretend to return a connection');
    const calls = readCalls(logFile).slice(before);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].command, 'opensshremotes.openEmptyWindow');
    assert.deepEqual(calls[0].args, [request]);
    assert.ok(!Number.isNaN(Date.parse(calls[0].at)));
  });

  it('registers and records the other Remote-SSH ids our extension may call', async () => {
    const ids = [
      'opensshremotes.openEmptyWindowInCurrentWindow',
      'opensshremotes.cleanCurrentRemoteServer',
      'opensshremotes.addNewSshHost',
    ];
    await vscode.extensions.getExtension('ms-vscode-remote.remote-ssh')!.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ids) assert.ok(registered.has(id), `${id} is not registered`);

    const before = readCalls(logFile).length;
    for (const id of ids) {
      const call = vscode.commands.executeCommand(id, { host: 'other-host' });
      // The server kill stays pending until the e2e harness kills this server (see the stand-in).
      if (id !== 'opensshremotes.cleanCurrentRemoteServer') await call;
    }
    const calls = readCalls(logFile).slice(before);
    assert.deepEqual(
      calls.map((c) => [c.command, c.args]),
      ids.map((id) => [id, [{ host: 'other-host' }]]),
    );
  });
});
