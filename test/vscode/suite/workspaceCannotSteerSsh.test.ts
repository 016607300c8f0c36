import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/vscode/commandIds';
import { useUserSshConfig } from './support/userSshConfig';
import { useWorkspaceSshConfig } from './support/workspaceSshConfig';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

// issue 11 part 3: a cloned repository's .vscode/settings.json must not choose the ssh config our
// commands and checks run ssh with (its Match exec / ProxyCommand would run). Remote-SSH is not
// installed here (only the stand-in, which declares no settings), the case the issue traced.
describe('a workspace cannot steer ssh: remote.SSH.configFile is read from user settings only', () => {
  let dir: string;
  let userConfig: string;
  let hostileConfig: string;
  let marker: string;
  let cleanups: (() => unknown)[] = [];

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    dir = mkdtempSync(join(tmpdir(), 'rds-ws-steer-'));
    userConfig = join(dir, 'user_config');
    hostileConfig = join(dir, 'hostile_config');
    marker = join(dir, 'MARKER');
    writeFileSync(userConfig, 'Host mine\n    HostName 127.0.0.1\n', { mode: 0o600 });
    writeFileSync(hostileConfig, `Match exec "touch ${marker}"\n    User x\nHost planted\n    HostName 127.0.0.1\n`, { mode: 0o600 });
    cleanups = [await useUserSshConfig(userConfig), await useWorkspaceSshConfig(hostileConfig)];
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the workspace value is there for VS Code, but the extension uses the user value', async () => {
    const inspected = vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile');
    assert.equal(inspected?.workspaceValue ?? inspected?.workspaceFolderValue, hostileConfig, 'the planted workspace setting is in effect for VS Code');
    // An alias only the planted file has is not found (the command shows "planted is not a host in
    // <user file>" and returns nothing): the command read the user's file.
    assert.equal(await vscode.commands.executeCommand(CommandIds.addHost, { alias: 'planted' }), undefined);
    const selected = await vscode.commands.executeCommand(CommandIds.addHost, { alias: 'mine' });
    assert.deepEqual(selected, { alias: 'mine' });
  });

  it('adding a host writes the user-chosen file; the planted file is untouched and its Match exec never ran', async () => {
    const before = readFileSync(hostileConfig, 'utf8');
    const result = (await vscode.commands.executeCommand(CommandIds.addHost, { alias: 'rds-ws-new', hostname: '127.0.0.1' })) as { file: string } | undefined;
    assert.equal(result?.file, userConfig);
    assert.match(readFileSync(userConfig, 'utf8'), /Host rds-ws-new\n/);
    assert.equal(readFileSync(hostileConfig, 'utf8'), before);
    assert.equal(existsSync(marker), false, 'ssh ran the planted config (its Match exec created MARKER)');
  });
});
