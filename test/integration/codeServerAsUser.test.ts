import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { groupIdOf } from '../fixtures/rig/linuxUser';
import { startRig, type Rig } from '../fixtures/rig/index';
import { startCodeServer, type CodeServer } from '../harness/codeServer';

/** uid, gid and supplementary groups of a live process, from /proc (what the kernel checks, not what we asked for). */
function credentialsOf(pid: number): { uid: number; gid: number; groups: number[] } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number[] =>
    (new RegExp(`^${name}:[ \\t]*(.*)$`, 'm').exec(status)?.[1] ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
  return { uid: field('Uid')[0], gid: field('Gid')[0], groups: field('Groups') };
}

function dockerGid(): number {
  const gid = groupIdOf('docker');
  assert.ok(gid !== undefined, 'the docker group exists (docker.io is installed)');
  return gid;
}

describe('code-server as a given Linux user (harness option runAsUser)', function () {
  this.timeout(180_000);
  let rig: Rig | undefined;
  let server: CodeServer | undefined;

  before(async () => {
    rig = await startRig();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  after(async () => {
    await rig?.stop();
  });

  it('runs with the user\'s uid, gid, HOME and its groups from /etc/group', async () => {
    server = await startCodeServer({ runAsUser: rig!.user });
    const health = await fetch(`${server.origin}/healthz`);
    assert.equal(health.status, 200);
    const credentials = credentialsOf(server.pid);
    assert.equal(credentials.uid, server.account!.uid);
    assert.equal(credentials.gid, server.account!.gid);
    assert.ok(credentials.groups.includes(dockerGid()), `docker group in ${credentials.groups.join(' ')}`);
    const environ = readFileSync(`/proc/${server.pid}/environ`, 'utf8').split('\0');
    assert.ok(environ.includes(`HOME=${server.account!.home}`), 'HOME is the passwd entry\'s home');
    assert.ok(environ.includes(`USER=${rig!.user}`));
  });

  it('takes the groups of the moment it starts: a start after the user left the docker group has no docker group', async () => {
    const repair = await rig!.breakOne('docker-socket-denied');
    try {
      server = await startCodeServer({ runAsUser: rig!.user });
      assert.ok(!credentialsOf(server.pid).groups.includes(dockerGid()));
    } finally {
      await repair();
    }
  });

  it('restart(): after `sudo usermod -aG docker` (the rig user\'s one sudo right) a new server process on the same port has the group', async () => {
    const repair = await rig!.breakOne('docker-socket-denied');
    try {
      server = await startCodeServer({ runAsUser: rig!.user });
      const { port, pid: oldPid } = server;
      assert.ok(!credentialsOf(oldPid).groups.includes(dockerGid()));
      const asUser = ['--reuid', String(server.account!.uid), '--regid', String(server.account!.gid), '--init-groups', '--'];
      // Only that one command: sudo refuses anything else without asking for a password.
      const other = spawnSync('setpriv', [...asUser, 'sudo', '-n', 'id'], { encoding: 'utf8' });
      assert.notEqual(other.status, 0, `sudo id ran: ${other.stdout}`);
      const usermod = spawnSync('setpriv', [...asUser, 'sudo', '-n', 'usermod', '-aG', 'docker', rig!.user], { encoding: 'utf8' });
      assert.equal(usermod.status, 0, usermod.stderr);
      // The running server keeps the groups it started with (the users' complaint).
      assert.ok(!credentialsOf(oldPid).groups.includes(dockerGid()));
      await server.restart();
      assert.notEqual(server.pid, oldPid, 'a new process');
      assert.equal(server.port, port);
      assert.equal((await fetch(`${server.origin}/healthz`)).status, 200);
      assert.ok(credentialsOf(server.pid).groups.includes(dockerGid()), `docker group in ${credentialsOf(server.pid).groups.join(' ')}`);
    } finally {
      await repair();
    }
  });

  it('refuses an unknown user with a clear message', async () => {
    await assert.rejects(startCodeServer({ runAsUser: 'rds-no-such-user' }), /no passwd entry for "rds-no-such-user"/);
  });
});
