import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RigDescription } from '../../fixtures/rig/index';
import { startRigFromHost, type HostRig } from './support/rig';

// connectAndInstall against a real loopback host (sshd + agent + dockerd), with the Remote-SSH
// stand-in recording the window it is asked to open. A rig described by RDS_RIG_STATE (the JSON
// `rigctl start --state FILE` writes) is used when given; otherwise the suite starts its own
// (rigctl in a child process) and stops it afterwards.
interface StandInCall {
  command: string;
  args: unknown[];
  at: string;
}

function standInCalls(): StandInCall[] {
  const logFile = process.env.REMOTE_SSH_STAND_IN_LOG ?? '';
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StandInCall);
}

interface ConnectResult {
  alias: string;
  opener: string;
  settings: { written: string[]; failed: { key: string; reason: string }[] };
  intent: { alias: string; dockerExtensionId: string; createdAt: number };
}

const remoteSsh = () => vscode.workspace.getConfiguration('remote.SSH');

describe('connectAndInstall against the rig host', function () {
  this.timeout(120_000);
  let rig: RigDescription;
  let ownRig: HostRig | undefined;

  before(async () => {
    const stateFile = process.env.RDS_RIG_STATE;
    if (stateFile) {
      rig = JSON.parse(readFileSync(stateFile, 'utf8')) as RigDescription;
    } else {
      ownRig = await startRigFromHost();
      rig = ownRig.rig;
    }
    // Remote-SSH is deliberately left inactive: connectAndInstall must find its contributed command anyway.
    // A user's existing entries must survive: start from one unrelated id and one other host.
    await remoteSsh().update('defaultExtensions', ['eamodio.gitlens'], vscode.ConfigurationTarget.Global);
    await remoteSsh().update('remotePlatform', { 'other-host': 'macOS' }, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await remoteSsh().update('defaultExtensions', undefined, vscode.ConfigurationTarget.Global);
    await remoteSsh().update('remotePlatform', undefined, vscode.ConfigurationTarget.Global);
    await ownRig?.stop();
  });

  it('writes both settings, then calls opensshremotes.openEmptyWindow({ host: alias })', async () => {
    const settingChanges: { key: string; at: number }[] = [];
    const listener = vscode.workspace.onDidChangeConfiguration((event) => {
      for (const key of ['remote.SSH.defaultExtensions', 'remote.SSH.remotePlatform']) {
        if (event.affectsConfiguration(key)) settingChanges.push({ key, at: Date.now() });
      }
    });
    const before = standInCalls().length;
    let result: ConnectResult | undefined;
    try {
      result = await vscode.commands.executeCommand<ConnectResult | undefined>('remoteDockerSsh.connectAndInstall', {
        alias: rig.alias,
        configFile: rig.configFile,
        env: rig.env,
      });
    } finally {
      listener.dispose();
    }
    assert.ok(result, 'connectAndInstall returned nothing: see the "Remote Docker over SSH" log');
    assert.equal(result.opener, 'remote-ssh');

    const calls = standInCalls().slice(before);
    assert.deepEqual(
      calls.map((call) => [call.command, call.args]),
      [['opensshremotes.openEmptyWindow', [{ host: rig.alias }]]],
    );

    assert.deepEqual(remoteSsh().get('defaultExtensions'), ['eamodio.gitlens', 'ms-azuretools.vscode-containers']);
    assert.deepEqual(remoteSsh().get('remotePlatform'), { 'other-host': 'macOS', [rig.alias]: 'linux' });
    assert.deepEqual([...result.settings.written].sort(), ['remote.SSH.defaultExtensions', 'remote.SSH.remotePlatform']);

    // Both settings were in place before the window was asked for.
    const opened = Date.parse(calls[0].at);
    for (const key of ['remote.SSH.defaultExtensions', 'remote.SSH.remotePlatform']) {
      const change = settingChanges.find((c) => c.key === key);
      assert.ok(change, `${key} changed`);
      assert.ok(change.at <= opened, `${key} was written at ${change.at}, after the window was opened at ${opened}`);
    }

    assert.equal(result.intent.alias, rig.alias);
    assert.equal(result.intent.dockerExtensionId, 'ms-azuretools.vscode-containers');
    assert.ok(Math.abs(Date.now() - result.intent.createdAt) < 60_000);
  });

  it('a second run adds no duplicate and leaves the settings as they are', async () => {
    const result = await vscode.commands.executeCommand<ConnectResult | undefined>('remoteDockerSsh.connectAndInstall', {
      alias: rig.alias,
      configFile: rig.configFile,
      env: rig.env,
    });
    assert.ok(result);
    assert.deepEqual(result.settings.written, []);
    assert.deepEqual(remoteSsh().get('defaultExtensions'), ['eamodio.gitlens', 'ms-azuretools.vscode-containers']);
  });

  it('opens nothing and writes nothing when ssh cannot get in (connection refused)', async () => {
    // A host block like the rig's, on a loopback port where nothing listens: a real "Connection refused".
    const port = await closedPort();
    const configFile = path.join(process.env.RDS_VSCODE_TEST_RUN_DIR ?? '', 'refused.config');
    writeFileSync(configFile, `Host refused-host\n  HostName 127.0.0.1\n  Port ${port}\n  User ${rig.user}\n  IdentityFile ${rig.identityFile}\n  UserKnownHostsFile ${rig.knownHostsFile}\n`);
    // Start both settings from a known state: the earlier tests left the Docker extension's id in
    // defaultExtensions. The intent they stored (for the rig host) must come out unchanged.
    await remoteSsh().update('defaultExtensions', ['eamodio.gitlens'], vscode.ConfigurationTarget.Global);
    await remoteSsh().update('remotePlatform', { 'other-host': 'macOS' }, vscode.ConfigurationTarget.Global);
    const api = (await vscode.extensions.getExtension('remote-docker-ssh.remote-docker-ssh')!.activate()) as { connectIntent(): unknown };
    const intentBefore = api.connectIntent();
    assert.ok(intentBefore, 'the first test stored an intent for the rig host');
    const before = standInCalls().length;
    const result = await vscode.commands.executeCommand('remoteDockerSsh.connectAndInstall', { alias: 'refused-host', configFile, env: rig.env });
    assert.equal(result, undefined);
    assert.deepEqual(standInCalls().slice(before), []);
    assert.deepEqual(remoteSsh().get('defaultExtensions'), ['eamodio.gitlens']);
    assert.deepEqual(remoteSsh().get('remotePlatform'), { 'other-host': 'macOS' });
    const intentAfter = api.connectIntent() as { alias?: string } | undefined;
    assert.notEqual(intentAfter?.alias, 'refused-host', 'a connect intent was stored for a host ssh could not reach');
    assert.deepEqual(intentAfter, intentBefore, 'the stored intent changed');
  });
});

/** A loopback port that was free a moment ago (bound, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
