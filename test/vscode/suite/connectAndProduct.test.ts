import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { useUserSshConfig } from './support/userSshConfig';
import { OpenRemoteSshId, remoteSshExtensionFor } from '../../../src/core/remote/remoteSshProduct';
import { CommandIds } from '../../../src/vscode/commandIds';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

function standInCalls(logFile: string): { command: string; args: unknown[] }[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { command: string; args: unknown[] });
}

describe('Remote-SSH in the real host: the product decides, connect uses the stable command', () => {
  let dir: string;
  let removeUserSshConfig: (() => Promise<void>) | undefined;

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    dir = mkdtempSync(join(tmpdir(), 'rds-connect-'));
    const configFile = join(dir, 'ssh_config');
    writeFileSync(configFile, 'Host devbox\n    HostName 127.0.0.1\n    Port 1\n', { mode: 0o600 });
    removeUserSshConfig = await useUserSshConfig(configFile);
  });

  after(async () => {
    await removeUserSshConfig?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('picks Open Remote - SSH for code-server, from vscode.env', () => {
    const product = { appName: vscode.env.appName, uriScheme: vscode.env.uriScheme, appHost: vscode.env.appHost };
    assert.equal(remoteSshExtensionFor(product), OpenRemoteSshId, JSON.stringify(product));
  });

  it('connect calls opensshremotes.openEmptyWindow with the chosen host', async () => {
    const logFile = process.env.REMOTE_SSH_STAND_IN_LOG ?? '';
    assert.ok(logFile, 'the runner installs the Remote-SSH stand-in and names its log');
    assert.deepEqual(await vscode.commands.executeCommand(CommandIds.addHost, { alias: 'devbox' }), { alias: 'devbox' });
    const before = standInCalls(logFile).length;
    const connected = await vscode.commands.executeCommand(CommandIds.connect);
    assert.equal(connected, true);
    const calls = standInCalls(logFile).slice(before);
    assert.deepEqual(calls.map((call) => [call.command, call.args]), [['opensshremotes.openEmptyWindow', [{ host: 'devbox' }]]]);
  });
});
