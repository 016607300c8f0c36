import assert from 'node:assert/strict';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRig, type Rig } from '../fixtures/rig/index';
import { loopbackOnly, loopbackOnlySshPath } from '../fixtures/netns/loopbackOnly';
import { cliCommand, repoRoot, runHostsCli } from '../fixtures/sshConfig/hostsCli';
import { runDoctor } from '../../src/core/doctor/doctor';
import { runProcess } from '../../src/core/runner';
import { parseDoctorTarget } from '../../src/core/ssh/doctorTarget';
import { addConnectionReuse, removeConnectionReuse } from '../../src/core/ssh/connectionReuse';
import { closeMaster, removeStaleMasterSocket } from '../../src/core/ssh/controlMaster';
import { readEffectiveSshConfig } from '../../src/core/ssh/sshEffectiveConfig';

/**
 * issue 14 item 1 against the rig's real sshd and dockerd: the reuse lines take effect (ssh -G),
 * docker commands share one login, undo is byte-exact, a dead or stopped master is named by the
 * doctor within its time limit, and closing the master is what makes a new docker group count.
 */
describe('connection reuse on the rig (issue 14 item 1)', function () {
  this.timeout(180_000);
  let rig: Rig;
  let controlDir: string;
  let original: Buffer;
  /** ssh -G (and ssh -O, a unix socket) in a loopback-only namespace; real logins use rig.env. */
  let netnsEnv: NodeJS.ProcessEnv;
  let netnsBin: string;

  before(async function () {
    if (process.getuid?.() !== 0) this.skip(); // the rig needs root
    rig = await startRig();
    controlDir = mkdtempSync('/tmp/rds-cm-');
    original = readFileSync(rig.configFile);
    netnsBin = await loopbackOnlySshPath();
    netnsEnv = { ...rig.env, PATH: `${netnsBin}:${rig.env.PATH}` };
  });
  after(async () => {
    if (rig) {
      await closeMaster(parseDoctorTarget(rig.alias), rig.configFile, { env: rig.env });
      await rig.stop();
    }
    if (controlDir) rmSync(controlDir, { recursive: true, force: true });
    if (netnsBin) rmSync(netnsBin, { recursive: true, force: true });
  });

  const logins = () => (readFileSync(join(rig.tmpDir, 'sshd', 'sshd.log'), 'utf8').match(/Accepted publickey for /g) ?? []).length;
  const dockerPs = () => runProcess('docker', ['-H', `ssh://${rig.alias}`, 'ps', '-a', '--format', '{{.Names}}'], { timeoutMs: 30_000, env: rig.env });
  const masterPid = async (): Promise<number> => {
    const check = await runProcess('ssh', ['-F', rig.configFile, '-O', 'check', '--', rig.alias], { timeoutMs: 5000, env: rig.env });
    const pid = /pid=(\d+)/.exec(check.stderr)?.[1];
    assert.ok(pid, `no master: ${check.stderr}`);
    return Number(pid);
  };
  const withReuse = async <T>(work: () => Promise<T>): Promise<T> => {
    const added = await addConnectionReuse(rig.configFile, rig.alias, { controlDir, sshConfigFile: rig.configFile, env: netnsEnv });
    assert.equal(added.effective, true, added.problems.join('; '));
    try {
      return await work();
    } finally {
      await closeMaster(parseDoctorTarget(rig.alias), rig.configFile, { env: rig.env });
      await removeConnectionReuse(rig.configFile, rig.alias, { sshConfigFile: rig.configFile, env: netnsEnv });
      assert.deepEqual(readFileSync(rig.configFile), original, 'undo restored the rig config byte for byte');
    }
  };

  it('written in the alias\'s own block, effective per ssh -G, and undone byte-exactly', async () => {
    const added = await addConnectionReuse(rig.configFile, rig.alias, { controlDir, sshConfigFile: rig.configFile, env: netnsEnv });
    assert.equal(added.placement, 'own-block');
    assert.equal(added.effective, true, added.problems.join('; '));
    assert.ok(added.controlPath?.startsWith(`${controlDir}/`));
    const undone = await removeConnectionReuse(rig.configFile, rig.alias, { sshConfigFile: rig.configFile, env: netnsEnv });
    assert.equal(undone.effective, false);
    assert.deepEqual(readFileSync(rig.configFile), original);
  });

  it('docker -H ssh://alias ps five times: one login with reuse, one per call without', async () => {
    await withReuse(async () => {
      const before = logins();
      for (let call = 0; call < 5; call++) {
        const result = await dockerPs();
        assert.equal(result.exitCode, 0, result.stderr);
        assert.match(result.stdout, new RegExp(rig.container));
      }
      assert.equal(logins() - before, 1, 'five docker calls, one ssh login');
    });
    // Control: the same calls without the lines log in every time, so the count above can move.
    const before = logins();
    for (let call = 0; call < 3; call++) assert.equal((await dockerPs()).exitCode, 0);
    assert.equal(logins() - before, 3);
  });

  it('a killed master (socket left behind): the doctor says ssh-master-stale, with the fix', async () => {
    await withReuse(async () => {
      assert.equal((await dockerPs()).exitCode, 0);
      const pid = await masterPid();
      process.kill(pid, 'SIGKILL');
      const report = await runDoctor({ target: rig.alias, path: 'docker-host', configFile: rig.configFile, env: netnsEnv, only: ['ssh-master'], timeoutMs: 10_000 });
      const check = report.checks[0];
      assert.equal(check.code, 'ssh-master-stale', JSON.stringify(check));
      const socket = /its socket (\S+);/.exec(check.message)?.[1];
      assert.ok(socket?.startsWith(`${controlDir}/`) && existsSync(socket), `the socket named is the one left behind: ${check.message}`);
      assert.match(check.fix ?? '', /`rm .*rds-cm-/);
      // The fix button's command (Close the Shared SSH Connection): -O exit cannot end it; the socket is removed.
      assert.notEqual((await closeMaster(parseDoctorTarget(rig.alias), rig.configFile, { env: rig.env })).exitCode, 0, 'ssh -O exit cannot end a dead master');
      const { config } = await readEffectiveSshConfig(parseDoctorTarget(rig.alias), rig.configFile, { timeoutMs: 10_000, env: netnsEnv });
      assert.equal(await removeStaleMasterSocket(config!, parseDoctorTarget(rig.alias), rig.configFile, { timeoutMs: 5000, env: netnsEnv }), socket);
      assert.equal(existsSync(socket!), false);
      const after = await runDoctor({ target: rig.alias, path: 'docker-host', configFile: rig.configFile, env: netnsEnv, only: ['ssh-master'], timeoutMs: 10_000 });
      assert.equal(after.checks[0].status, 'pass', JSON.stringify(after.checks[0]));
    });
  });

  it('a live master\'s socket is never removed as stale', async () => {
    await withReuse(async () => {
      assert.equal((await dockerPs()).exitCode, 0);
      const pid = await masterPid();
      const { config } = await readEffectiveSshConfig(parseDoctorTarget(rig.alias), rig.configFile, { timeoutMs: 10_000, env: netnsEnv });
      assert.equal(await removeStaleMasterSocket(config!, parseDoctorTarget(rig.alias), rig.configFile, { timeoutMs: 5000, env: netnsEnv }), undefined);
      assert.equal(await masterPid(), pid, 'the master still answers on its socket');
    });
  });

  it('a SIGSTOPped master: ssh-master-hung within the time limit, and the full doctor does not hang on it', async () => {
    await withReuse(async () => {
      assert.equal((await dockerPs()).exitCode, 0);
      const pid = await masterPid();
      process.kill(pid, 'SIGSTOP');
      try {
        const only = await runDoctor({ target: rig.alias, path: 'docker-host', configFile: rig.configFile, env: netnsEnv, only: ['ssh-master'], timeoutMs: 10_000 });
        assert.equal(only.checks[0].code, 'ssh-master-hung', JSON.stringify(only.checks[0]));
        assert.ok(only.totalMs < 10_000, `took ${only.totalMs} ms`);
        // The whole docker-host path: the round trip would ride on the stopped master; the doctor still ends by its deadline.
        const full = await runDoctor({ target: rig.alias, path: 'docker-host', configFile: rig.configFile, env: rig.env, timeoutMs: 8000 });
        assert.ok(full.totalMs < 9000, `took ${full.totalMs} ms`);
        assert.equal(full.checks.find((entry) => entry.id === 'ssh-master')?.code, 'ssh-master-hung');
        assert.equal(full.checks.find((entry) => entry.id === 'docker-host-roundtrip')?.status, 'skip');
      } finally {
        process.kill(pid, 'SIGKILL');
      }
    });
  });

  it('after the docker group is given back, only closing the master lets docker in', async () => {
    await withReuse(async () => {
      const repair = await rig.breakOne('docker-socket-denied');
      let repaired = false;
      try {
        const denied = await dockerPs();
        assert.notEqual(denied.exitCode, 0, 'the rig fault denies the socket');
        await repair(); // what `usermod -aG docker` does on the host
        repaired = true;
        const stillDenied = await dockerPs();
        assert.notEqual(stillDenied.exitCode, 0, 'the master kept the groups of its login');
        const closed = await closeMaster(parseDoctorTarget(rig.alias), rig.configFile, { env: rig.env });
        assert.equal(closed.exitCode, 0, closed.stderr);
        const allowed = await dockerPs();
        assert.equal(allowed.exitCode, 0, allowed.stderr);
      } finally {
        if (!repaired) await repair();
      }
    });
  });

  it('the CLI: bad input (alias starting with "-", unknown alias, a folder as config) exits 2 and changes nothing', async () => {
    for (const args of [['hosts', 'reuse', '-oProxyCommand=x', '--config', rig.configFile], ['hosts', 'reuse', 'nope', '--config', rig.configFile], ['hosts', 'reuse', rig.alias, '--config', rig.tmpDir], ['hosts', 'reuse', '--config', rig.configFile, '--', '-x']]) {
      const result = await runHostsCli(args);
      assert.equal(result.exitCode, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^remote-docker-ssh: /);
    }
    assert.deepEqual(readFileSync(rig.configFile), original);
  });

  /** The real CLI as the rig's Linux user, so its default ~/.ssh (from the passwd entry) is the rig's, not this machine's. */
  async function cliAsRigUser(args: string[]) {
    const home = join(rig.tmpDir, 'home', rig.user);
    const { uid, gid } = statSync(home);
    const command = cliCommand(args);
    const netns = loopbackOnly('setpriv', ['--reuid', String(uid), '--regid', String(gid), '--clear-groups', '--', command.file, ...command.args]);
    return runProcess(netns.file, netns.args, { timeoutMs: 60_000, cwd: repoRoot, env: { ...process.env, HOME: home } });
  }

  it('the CLI as a user: hosts reuse writes ~/.ssh/config (exit 0, --json), --undo restores it; exit 1 when an include wins', async () => {
    const home = join(rig.tmpDir, 'home', rig.user);
    const { uid, gid } = statSync(home);
    const userConfig = join(home, '.ssh', 'config');
    writeFileSync(userConfig, original, { mode: 0o600 });
    chownSync(userConfig, uid, gid);
    try {
      const added = (await cliAsRigUser(['hosts', 'reuse', rig.alias, '--json']));
      assert.equal(added.exitCode, 0, added.stderr);
      const report = JSON.parse(added.stdout) as { effective: boolean; placement: string; controlPath: string; file: string };
      assert.equal(report.effective, true);
      assert.equal(report.placement, 'own-block');
      assert.equal(report.file, userConfig);
      assert.ok(report.controlPath.startsWith(join(home, '.ssh', 'cm') + '/'), report.controlPath);
      assert.equal(statSync(join(home, '.ssh', 'cm')).mode & 0o777, 0o700);
      const undone = (await cliAsRigUser(['hosts', 'reuse', rig.alias, '--undo']));
      assert.equal(undone.exitCode, 0, undone.stderr);
      assert.match(undone.stdout, /Removed the connection reuse lines/);
      assert.deepEqual(readFileSync(userConfig), original);

      const first = join(home, '.ssh', 'first.conf');
      writeFileSync(first, 'Host *\n  ControlPersist no\n');
      writeFileSync(userConfig, `Include ${first}\n${original.toString('utf8')}`);
      const shadowed = (await cliAsRigUser(['hosts', 'reuse', rig.alias, '--config', userConfig]));
      assert.equal(shadowed.exitCode, 1, shadowed.stderr);
      assert.match(shadowed.stderr, /ssh -G shows the lines do not take effect: ControlPersist is no/);
    } finally {
      rmSync(userConfig, { force: true });
    }
  });
});
