import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { startRigFromHost, type HostRig } from './support/rig';
import { useUserSshConfig } from './support/userSshConfig';
import { addToGroup, removeFromGroup } from '../../fixtures/rig/linuxUser';
import { runLoopbackOnly } from '../../fixtures/netns/loopbackOnly';
import { acceptedLogins } from '../../fixtures/rig/sshdLog';

const run = promisify(execFile);

/**
 * issue 14 item 1 in the real extension host: "Make Docker over SSH Fast" writes connection reuse
 * for the rig's alias, times a real docker ps before and after (over a shared master), and
 * "Undo" closes the master and leaves the config byte for byte as it was.
 */
describe('make docker over ssh fast (command, against the rig)', function () {
  this.timeout(180_000);
  let hostRig: HostRig | undefined;
  let restoreConfig: (() => Promise<void>) | undefined;
  let socketFolder: string;
  const savedEnv = { ...process.env };

  before(async () => {
    await vscode.extensions.getExtension('remote-docker-ssh.remote-docker-ssh')!.activate();
    hostRig = await startRigFromHost();
    const { rig } = hostRig;
    // The extension's docker and ssh run from this process: the rig's agent, and its ssh wrapper (-F the rig config) for docker.
    Object.assign(process.env, { SSH_AUTH_SOCK: rig.env.SSH_AUTH_SOCK, PATH: rig.env.PATH, DOCKER_CONFIG: rig.env.DOCKER_CONFIG });
    restoreConfig = await useUserSshConfig(rig.configFile);
    socketFolder = mkdtempSync('/tmp/rds-cm-');
    await vscode.workspace.getConfiguration('remoteDockerSsh').update('controlSocketFolder', socketFolder, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('remoteDockerSsh').update('controlSocketFolder', undefined, vscode.ConfigurationTarget.Global);
    await restoreConfig?.();
    for (const key of ['SSH_AUTH_SOCK', 'PATH', 'DOCKER_CONFIG']) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
    await hostRig?.stop();
    if (socketFolder) rmSync(socketFolder, { recursive: true, force: true });
  });

  it('writes reuse, times docker ps before and after over a shared master, and undo closes it and restores the file', async () => {
    const { rig } = hostRig!;
    const original = readFileSync(rig.configFile);
    const result = (await vscode.commands.executeCommand('remoteDockerSsh.makeDockerFast', { target: rig.alias })) as
      | { reuse: { effective: boolean; written: boolean; controlPath?: string; problems: string[] }; before: { ok: boolean; ms: number }; after?: { ok: boolean; ms: number } }
      | undefined;
    assert.ok(result, 'the command returned nothing (it failed: see the log)');
    assert.equal(result.reuse.effective, true, result.reuse.problems.join('; '));
    assert.equal(result.reuse.written, true);
    assert.ok(result.reuse.controlPath?.startsWith(`${socketFolder}/`), result.reuse.controlPath);
    assert.equal(result.before.ok, true);
    assert.equal(result.after?.ok, true);
    const master = await run('ssh', ['-F', rig.configFile, '-O', 'check', '--', rig.alias], { env: process.env, timeout: 10_000 }).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? 'failed' }));
    // The shared connection the after timings rode on (test/integration counts its logins in sshd's log).
    assert.match(master.stderr, /Master running/);

    const undone = (await vscode.commands.executeCommand('remoteDockerSsh.undoMakeDockerFast', { target: rig.alias })) as { written: boolean; effective: boolean } | undefined;
    assert.equal(undone?.written, true);
    assert.equal(undone?.effective, false);
    assert.deepEqual(readFileSync(rig.configFile), original, 'undo restores the config byte for byte');
    await assert.rejects(run('ssh', ['-F', rig.configFile, '-o', `ControlPath=${result.reuse.controlPath}`, '-O', 'check', '--', rig.alias], { env: process.env, timeout: 10_000 }), 'the master was closed by undo');
  });

  it('the Docker Hosts view\'s "Make Fast" hands its own host to this command, not the current one', async () => {
    const { rig } = hostRig!;
    // A second alias for the same sshd, so the host the row names differs from the current host (the rig's alias).
    const dir = mkdtempSync('/tmp/rds-fast-view-');
    const config = `${dir}/ssh_config`;
    const text = `Host rds-view-host\n    HostName 127.0.0.1\n    Port ${rig.port}\n    User ${rig.user}\n\nInclude ${rig.configFile}\n`;
    writeFileSync(config, text);
    const restore = await useUserSshConfig(config);
    try {
      const result = (await vscode.commands.executeCommand('remoteDockerSsh.makeHostFast', 'rds-view-host')) as { reuse: { file: string; effective: boolean; written: boolean; problems: string[] } } | undefined;
      assert.ok(result, 'Make Fast returned nothing (it failed: see the log)');
      assert.equal(result.reuse.file, config);
      assert.equal(result.reuse.effective, true, result.reuse.problems.join('; '));
      const effective = await runLoopbackOnly('ssh', ['-F', config, '-G', '--', 'rds-view-host'], { timeoutMs: 10_000 });
      assert.match(effective.stdout, /^controlmaster auto$/m, 'reuse is not in effect for the row\'s host');
      await vscode.commands.executeCommand('remoteDockerSsh.undoMakeDockerFast', { target: 'rds-view-host' });
      assert.equal(readFileSync(config, 'utf8'), text, 'undo restores the config byte for byte');
    } finally {
      await restore();
      // restore() clears the setting; the suite's other tests use the rig's config (its after() clears it at the end).
      await useUserSshConfig(rig.configFile);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /**
   * The user's config says StrictHostKeyChecking accept-new, and the docker CLI's ssh reads it (an
   * `ssh` first on PATH with -F that config, as the rig's wrapper does for the rig's own config).
   */
  async function withAcceptNewUserSsh(body: () => Promise<void>): Promise<void> {
    const { rig } = hostRig!;
    const dir = mkdtempSync('/tmp/rds-fast-lax-');
    const config = `${dir}/ssh_config`;
    writeFileSync(config, readFileSync(rig.configFile, 'utf8').replace(/StrictHostKeyChecking yes/g, 'StrictHostKeyChecking accept-new'));
    writeFileSync(`${dir}/ssh`, `#!/bin/sh\nexec /usr/bin/ssh -F '${config}' "$@"\n`);
    chmodSync(`${dir}/ssh`, 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${dir}:${path}`;
    const restore = await useUserSshConfig(config);
    try {
      await body();
    } finally {
      process.env.PATH = path;
      await restore();
      await useUserSshConfig(rig.configFile);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  type FastResult = { reuse: { effective: boolean; written: boolean; problems: string[] }; before?: { ok: boolean; ms: number }; after?: { ok: boolean; ms: number }; notTimed?: { id: string; code?: string } };

  it('accept-new and an unknown host key: no docker ps runs (known_hosts byte-identical, 0 logins), the reuse lines are still written', async () => {
    const { rig } = hostRig!;
    await withAcceptNewUserSsh(async () => {
      const savedKnown = readFileSync(rig.knownHostsFile);
      writeFileSync(rig.knownHostsFile, '');
      try {
        const loginsBefore = acceptedLogins(rig);
        const result = (await vscode.commands.executeCommand('remoteDockerSsh.makeDockerFast', { target: rig.alias })) as FastResult | undefined;
        assert.ok(result, 'the command returned nothing (it failed: see the log)');
        assert.deepEqual(readFileSync(rig.knownHostsFile), Buffer.alloc(0), 'known_hosts was written: docker\'s accept-new ssh ran');
        assert.equal(acceptedLogins(rig), loginsBefore, 'sshd accepted a login: docker ps ran against an unverified host key');
        assert.equal(result.notTimed?.code, 'host-key-unknown');
        assert.equal(result.before, undefined);
        assert.equal(result.after, undefined);
        assert.equal(result.reuse.written, true);
        assert.equal(result.reuse.effective, true, result.reuse.problems.join('; '));
        await vscode.commands.executeCommand('remoteDockerSsh.undoMakeDockerFast', { target: rig.alias });
        // Control: the same docker ps made directly with this config does log in and write the key,
        // so the zeros above are the gate's, not a rig that refuses anyway.
        await run('docker', ['-H', `ssh://${rig.alias}`, 'ps', '-q'], { env: process.env, timeout: 60_000 });
        assert.ok(acceptedLogins(rig) > loginsBefore, 'the control docker ps did not log in');
        assert.notEqual(readFileSync(rig.knownHostsFile).length, 0, 'the control docker ps did not write known_hosts');
      } finally {
        writeFileSync(rig.knownHostsFile, savedKnown);
      }
    });
  });

  it('accept-new and a known host key: our strict session logs in first, then docker ps is timed before and after', async () => {
    const { rig } = hostRig!;
    await withAcceptNewUserSsh(async () => {
      const savedKnown = readFileSync(rig.knownHostsFile);
      const result = (await vscode.commands.executeCommand('remoteDockerSsh.makeDockerFast', { target: rig.alias })) as FastResult | undefined;
      try {
        assert.ok(result, 'the command returned nothing (it failed: see the log)');
        assert.equal(result.notTimed, undefined);
        assert.equal(result.before?.ok, true);
        assert.equal(result.after?.ok, true);
        assert.ok(result.before.ms > 0 && result.after.ms > 0);
        assert.deepEqual(readFileSync(rig.knownHostsFile), savedKnown);
      } finally {
        await vscode.commands.executeCommand('remoteDockerSsh.undoMakeDockerFast', { target: rig.alias });
      }
    });
  });

  it('a target that is not an alias of the config changes nothing', async () => {
    const { rig } = hostRig!;
    const original = readFileSync(rig.configFile);
    const result = await vscode.commands.executeCommand('remoteDockerSsh.makeDockerFast', { target: `${rig.user}@127.0.0.1:${rig.port}` });
    assert.equal(result, undefined);
    assert.deepEqual(readFileSync(rig.configFile), original);
  });

  it('the docker group fix: after usermod, "Close the Shared SSH Connection and Check Again" lets docker in', async () => {
    const { rig } = hostRig!;
    const gpasswd = { gpasswd: '/usr/bin/gpasswd' };
    const dockerPs = () => run('docker', ['-H', `ssh://${rig.alias}`, 'ps', '-q'], { env: process.env, timeout: 60_000 });
    const made = (await vscode.commands.executeCommand('remoteDockerSsh.makeDockerFast', { target: rig.alias })) as { reuse: { effective: boolean } } | undefined;
    assert.equal(made?.reuse.effective, true);
    removeFromGroup(rig.user, 'docker', gpasswd);
    let inGroup = false;
    try {
      // The master that the timings opened had the group; a new one logs in without it.
      await run('ssh', ['-F', rig.configFile, '-O', 'exit', '--', rig.alias], { env: process.env, timeout: 10_000 });
      await assert.rejects(dockerPs(), /permission denied|Cannot connect to the Docker daemon/i);
      addToGroup(rig.user, 'docker', gpasswd); // what `sudo usermod -aG docker USER` does on the host
      inGroup = true;
      await assert.rejects(dockerPs(), /permission denied|Cannot connect to the Docker daemon/i, 'the shared connection keeps the groups of its login');
      await vscode.commands.executeCommand('remoteDockerSsh.closeSharedConnection', { target: rig.alias, quiet: true });
      await dockerPs();
    } finally {
      if (!inGroup) addToGroup(rig.user, 'docker', gpasswd);
      await vscode.commands.executeCommand('remoteDockerSsh.undoMakeDockerFast', { target: rig.alias });
    }
  });
});
