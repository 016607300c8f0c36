import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/vscode/commandIds';
import { useUserSshConfig } from '../suite/support/userSshConfig';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

/*
 * Issue 11 part 3, in restricted mode: code-server runs with workspace trust on and nobody trusts
 * the folder. test/e2e/untrustedWorkspace.test.ts prepares it as a hostile clone would be: its
 * .vscode/settings.json sets remote.SSH.configFile to a file whose `Match exec` touches MARKER, and
 * remoteDockerSsh.checkTimeoutSeconds (declared in restrictedConfigurations); it has a Dockerfile.
 */
describe('an untrusted workspace: the extension runs nothing the workspace chose', () => {
  let folder: string;
  let dir: string;
  let userConfig: string;
  let cleanup: (() => unknown) | undefined;

  before(async () => {
    folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    await vscode.extensions.getExtension(extensionId)!.activate();
    dir = mkdtempSync(join(tmpdir(), 'rds-untrusted-'));
    userConfig = join(dir, 'user_config');
    writeFileSync(userConfig, 'Host mine\n    HostName 127.0.0.1\n', { mode: 0o600 });
    cleanup = await useUserSshConfig(userConfig);
  });

  after(async () => {
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the folder is untrusted and the extension is active (limited support)', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(vscode.extensions.getExtension(extensionId)!.isActive, true);
  });

  it('restrictedConfigurations: VS Code withholds the folder\'s checkTimeoutSeconds, while it reads the same file\'s other keys', () => {
    // The same settings.json is read: its remote.SSH.configFile (not ours to restrict) is there.
    const planted = vscode.workspace.getConfiguration('remote.SSH').inspect<string>('configFile');
    assert.equal(planted?.workspaceValue, join(folder, 'hostile_config'));
    const inspected = vscode.workspace.getConfiguration('remoteDockerSsh').inspect<number>('checkTimeoutSeconds');
    assert.equal(inspected?.workspaceValue, undefined, 'the folder\'s value 1 reaches the extension');
    assert.equal(vscode.workspace.getConfiguration('remoteDockerSsh').get<number>('checkTimeoutSeconds'), inspected?.defaultValue);
  });

  it('hosts come from the user\'s ssh config, never the workspace\'s; its Match exec never runs', async () => {
    assert.equal(await vscode.commands.executeCommand(CommandIds.addHost, { alias: 'planted' }), undefined);
    assert.deepEqual(await vscode.commands.executeCommand(CommandIds.addHost, { alias: 'mine' }), { alias: 'mine' });
    // Every command ends with the step checks, which run ssh -G on the config in use.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(existsSync(join(folder, 'MARKER')), false, 'ssh ran the workspace\'s config (its Match exec created MARKER)');
  });

  it('the report says the checks ignored the workspace: it is untrusted, and its remote.SSH.configFile is not read', async () => {
    // addHost above made "mine" the current host; the checks may fail (nothing listens there), the notes are the point.
    const report = (await vscode.commands.executeCommand(CommandIds.checkSetup, { quiet: true })) as { target: string; notes?: string[] } | undefined;
    assert.equal(report?.target, 'mine');
    const notes = report?.notes ?? [];
    assert.ok(notes.some((note) => /not trusted/.test(note) && /user settings/.test(note)), JSON.stringify(notes));
    assert.ok(notes.some((note) => note.includes('remote.SSH.configFile') && note.includes(join(folder, 'hostile_config'))), JSON.stringify(notes));
    assert.equal(existsSync(join(folder, 'MARKER')), false, 'the checks ran the workspace\'s config');
  });

  it('the workspace files are not ours to change: no extensions.json is written', async () => {
    await vscode.commands.executeCommand(CommandIds.addRecommendations, { folder }).then(
      () => undefined,
      () => undefined,
    );
    assert.equal(existsSync(join(folder, '.vscode', 'extensions.json')), false);
  });
});
