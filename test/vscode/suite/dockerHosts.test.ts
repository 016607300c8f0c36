import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/vscode/commandIds';
import { startRigFromHost, type HostRig } from './support/rig';
import { useUserSshConfig } from './support/userSshConfig';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

interface Api {
  dockerHostRows(): Promise<{ label: string; description: string; contextValue: string }[]>;
  engineInUse(): Promise<{ dockerHost: string; source: string } | undefined>;
}

/**
 * The runner of test:vscode:generations installs the Container Tools manifest fixture for this
 * suite (RDS_DOCKER_FIXTURE=containers-2.0): a workspace engine needs the setting it declares.
 * The plain test:vscode run has no Docker extension and covers the listing only.
 */
const withContainerTools = process.env.RDS_DOCKER_FIXTURE === 'containers-2.0';

function docker(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('docker', args, { env: process.env, encoding: 'utf8', timeout: 15_000 });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

/** DOCKER_HOST as a new integrated terminal of this workspace sees it (a real shell started by the terminal). */
async function terminalDockerHost(scratch: string, expected: string | undefined): Promise<string> {
  const deadline = Date.now() + 20_000;
  let seen = '';
  for (let round = 0; ; round++) {
    const out = path.join(scratch, `terminal-env-${Date.now()}-${round}.txt`);
    const terminal = vscode.window.createTerminal({ name: 'env probe', shellPath: '/bin/sh', shellArgs: ['-c', `printf '%s' "\${DOCKER_HOST-}" > '${out}'`] });
    for (let waited = 0; !existsSync(out) && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    terminal.dispose();
    seen = existsSync(out) ? readFileSync(out, 'utf8') : '<no output>';
    // The collection reaches the terminal process host a moment after the setting changed.
    if (seen === (expected ?? '') || Date.now() > deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const workspaceEnvironment = () => vscode.workspace.getConfiguration().inspect('containers.environment')?.workspaceValue as Record<string, unknown> | undefined;

describe('Docker Hosts view', function () {
  this.timeout(120_000);
  let hostRig: HostRig;
  let scratch: string;
  let configFile: string;
  let removeUserSshConfig: (() => Promise<void>) | undefined;
  const saved = { DOCKER_CONFIG: process.env.DOCKER_CONFIG, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK, PATH: process.env.PATH };
  let api: Api;

  before(async () => {
    api = (await vscode.extensions.getExtension(extensionId)!.activate()) as Api;
    hostRig = await startRigFromHost();
    const { rig } = hostRig;
    scratch = mkdtempSync(path.join(process.env.RDS_VSCODE_TEST_RUN_DIR ?? '/tmp', 'docker-hosts-'));
    // The extension runs in this process: its docker CLI, ssh and agent are the rig's (the PATH's ssh wrapper adds -F for docker's plain ssh).
    process.env.DOCKER_CONFIG = path.join(scratch, 'docker-config');
    mkdirSync(process.env.DOCKER_CONFIG);
    process.env.SSH_AUTH_SOCK = rig.env.SSH_AUTH_SOCK;
    process.env.PATH = rig.env.PATH;
    configFile = path.join(scratch, 'ssh_config');
    writeFileSync(
      configFile,
      `Include ${rig.configFile}\n\n# a second name for the same sshd, on a port where nothing listens\nHost rds-second\n    HostName 127.0.0.1\n    Port 1\n`,
      { mode: 0o600 },
    );
    removeUserSshConfig = await useUserSshConfig(configFile);
    for (const [name, host] of [
      ['rds-ctx-second', 'ssh://rds-second'],
      ['rds-ctx-elsewhere', 'ssh://someone@127.0.0.1:1'],
      ['rds-ctx-unix', 'unix:///run/nothing.sock'],
    ]) {
      const created = docker(['context', 'create', '--docker', `host=${host}`, '--', name]);
      assert.equal(created.status, 0, created.stderr);
    }
  });

  after(async () => {
    await removeUserSshConfig?.();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await hostRig?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('lists the hosts of the ssh config (Include followed) and the docker contexts with ssh:// endpoints', async () => {
    const rows = await api.dockerHostRows();
    assert.deepEqual(
      rows.map((row) => row.label),
      [hostRig.rig.alias, 'rds-second', 'someone@127.0.0.1:1'],
    );
    assert.ok(rows.every((row) => row.description.startsWith('not checked')), JSON.stringify(rows));
    assert.match(rows[1].contextValue, /\binSshConfig\b/);
    assert.match(rows[2].contextValue, /\bcontextOnly\b/);
  });

  it('checks one host when asked: ready for the rig, the failure code for a closed port, the rest not checked', async () => {
    const ready = (await vscode.commands.executeCommand(CommandIds.checkHost, hostRig.rig.alias)) as { ok: boolean; checks: { id: string; status: string; message: string }[] };
    assert.ok(ready.ok, JSON.stringify(ready.checks.filter((check) => check.status === 'fail')));
    const refused = (await vscode.commands.executeCommand(CommandIds.checkHost, 'rds-second')) as { ok: boolean };
    assert.equal(refused.ok, false);
    const rows = await api.dockerHostRows();
    assert.deepEqual(
      rows.map((row) => row.description.split(' · ')[0]),
      ['ready', 'connection-refused', 'not checked'],
    );
  });

  it('lists a config of 1,000 hosts whole, and the filter narrows it to the matching names', async () => {
    const large = path.join(scratch, 'ssh_config_large');
    writeFileSync(large, Array.from({ length: 1000 }, (_, i) => `Host bulk-${String(i).padStart(4, '0')}\n    HostName 127.0.0.1\n    Port 1\n`).join('\n'), { mode: 0o600 });
    await useUserSshConfig(large);
    try {
      const rows = await api.dockerHostRows();
      // The 1,000 aliases, then the two ssh contexts (neither names a bulk alias).
      assert.equal(rows.length, 1002);
      assert.equal(rows[999].label, 'bulk-0999');
      assert.equal(await vscode.commands.executeCommand(CommandIds.filterDockerHosts, 'bulk-012'), 'bulk-012');
      assert.deepEqual(
        (await api.dockerHostRows()).map((row) => row.label),
        Array.from({ length: 10 }, (_, i) => `bulk-012${i}`),
      );
      await vscode.commands.executeCommand(CommandIds.filterDockerHosts, '');
      assert.equal((await api.dockerHostRows()).length, 1002);
    } finally {
      await vscode.commands.executeCommand(CommandIds.filterDockerHosts, '');
      await useUserSshConfig(configFile);
    }
  });

  if (!withContainerTools) return;

  it('"Use for this workspace" writes the workspace setting and the terminals\' DOCKER_HOST, and leaves the docker context alone', async () => {
    const contextBefore = docker(['context', 'show']).stdout;
    const result = (await vscode.commands.executeCommand(CommandIds.useHostForWorkspace, hostRig.rig.alias)) as { dockerHost: string } | undefined;
    assert.equal(result?.dockerHost, `ssh://${hostRig.rig.alias}`);
    assert.deepEqual(workspaceEnvironment(), { DOCKER_HOST: `ssh://${hostRig.rig.alias}` });
    assert.equal(vscode.workspace.getConfiguration().inspect('containers.environment')?.globalValue, undefined, 'user settings untouched');
    assert.equal(await terminalDockerHost(scratch, `ssh://${hostRig.rig.alias}`), `ssh://${hostRig.rig.alias}`);
    assert.equal(docker(['context', 'show']).stdout, contextBefore);
    assert.deepEqual(await api.engineInUse(), { dockerHost: `ssh://${hostRig.rig.alias}`, source: 'workspace' });
    const rows = await api.dockerHostRows();
    assert.match(rows[0].description, /this workspace/);
    assert.doesNotMatch(rows[1].description, /this workspace/);
  });

  it('switching to another host updates the setting and the terminals', async () => {
    await vscode.commands.executeCommand(CommandIds.useHostForWorkspace, 'rds-second');
    assert.deepEqual(workspaceEnvironment(), { DOCKER_HOST: 'ssh://rds-second' });
    assert.equal(await terminalDockerHost(scratch, 'ssh://rds-second'), 'ssh://rds-second');
    const rows = await api.dockerHostRows();
    assert.doesNotMatch(rows[0].description, /this workspace/);
    assert.match(rows[1].description, /this workspace/);
  });

  it('"Use everywhere" writes user settings and selects a docker context, while this workspace keeps its own engine; Copy DOCKER_HOST copies it', async () => {
    const result = (await vscode.commands.executeCommand(CommandIds.useHostEverywhere, hostRig.rig.alias)) as { dockerHost: string; dockerContext?: string } | undefined;
    assert.equal(result?.dockerHost, `ssh://${hostRig.rig.alias}`);
    assert.deepEqual(vscode.workspace.getConfiguration().inspect('containers.environment')?.globalValue, { DOCKER_HOST: `ssh://${hostRig.rig.alias}` });
    assert.equal(docker(['context', 'show']).stdout, result?.dockerContext);
    assert.deepEqual(workspaceEnvironment(), { DOCKER_HOST: 'ssh://rds-second' });
    assert.deepEqual(await api.engineInUse(), { dockerHost: 'ssh://rds-second', source: 'workspace' });
    const rows = await api.dockerHostRows();
    assert.match(rows[0].description, /this machine/);
    assert.doesNotMatch(rows[0].description, /this workspace/);
    assert.match(rows[1].description, /this workspace/);
    assert.equal(await vscode.commands.executeCommand(CommandIds.copyDockerHost, 'rds-second'), 'ssh://rds-second');
    assert.equal(await vscode.env.clipboard.readText(), 'ssh://rds-second');
  });

  it('"Remove what we added" restores the ssh config byte for byte, the settings, and removes our context', async () => {
    // The user's own variable in the workspace setting, which must survive both the write and the removal.
    await vscode.workspace.getConfiguration().update('containers.environment', { BUILDKIT_PROGRESS: 'plain' }, vscode.ConfigurationTarget.Workspace);
    const configBefore = readFileSync(configFile);
    const settingsBefore = workspaceEnvironment();
    const added = (await vscode.commands.executeCommand(CommandIds.addHost, { alias: 'rds-added', hostname: '127.0.0.1', port: hostRig.rig.port, user: hostRig.rig.user })) as { file: string } | undefined;
    assert.equal(added?.file, configFile);
    assert.ok(!readFileSync(configFile).equals(configBefore));
    await vscode.commands.executeCommand(CommandIds.useHostForWorkspace, 'rds-added');
    const context = (await vscode.commands.executeCommand(CommandIds.createHostDockerContext, 'rds-added')) as { name: string } | undefined;
    assert.ok(context && docker(['context', 'inspect', '--', context.name]).status === 0);
    assert.deepEqual(workspaceEnvironment(), { BUILDKIT_PROGRESS: 'plain', DOCKER_HOST: 'ssh://rds-added' });

    const removed = (await vscode.commands.executeCommand(CommandIds.removeHostAdditions, { target: 'rds-added', confirmed: true })) as string[] | undefined;
    assert.equal(removed?.length, 3, JSON.stringify(removed));
    assert.ok(readFileSync(configFile).equals(configBefore), `the ssh config is not what it was:\n${readFileSync(configFile, 'utf8')}`);
    assert.deepEqual(workspaceEnvironment(), settingsBefore);
    assert.notEqual(docker(['context', 'inspect', '--', context.name]).status, 0, 'the context is gone');
    assert.deepEqual(settingsBefore, { BUILDKIT_PROGRESS: 'plain' });
    assert.equal(await terminalDockerHost(scratch, undefined), '', 'the terminals no longer get a DOCKER_HOST');
    assert.ok(!(await api.dockerHostRows()).some((row) => row.label === 'rds-added'));
  });
});
