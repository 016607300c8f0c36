import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { existsSync, readFileSync, mkdtempSync, rmSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startRig, rigLeftovers, sweepStaleRigs, RigRefusedError, type Rig, type RigState } from '../fixtures/rig/index';
import { preflight } from '../fixtures/rig/preflight';

const run = promisify(execFile);
const rigDir = new URL('../fixtures/rig/', import.meta.url).pathname;

/** A child process that starts a rig, prints its description, and holds it until it gets a signal. */
async function holdRigInChild(): Promise<{ child: ChildProcessByStdio<null, Readable, null>; held: { tmpDir: string; user: string } }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(rigDir, 'holdRigUntilSignal.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
  });
  return { child, held: JSON.parse(line) as { tmpDir: string; user: string } };
}

function leftoversOf(rig: { tmpDir: string; user: string }, uid: number): string[] {
  return rigLeftovers({ version: 1, tmpDir: rig.tmpDir, user: rig.user, uid, ownerPid: process.pid, kept: false, pids: {} } satisfies RigState);
}

function uidOf(user: string): number {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith(`${user}:`));
  assert.ok(line, `user ${user} exists while the rig runs`);
  return Number(line.split(':')[2]);
}

/**
 * Rig folders (and rig users) that `owner` made. Other helpers' tests start rigs at the same time,
 * so "nothing changed" is judged on what this owner could have created, not on the whole machine.
 */
function tracesOf(owner: { pid?: number; uid?: number }): string[] {
  const traces: string[] = [];
  for (const name of readdirSync('/tmp').filter((entry) => entry.startsWith('rds-rig-'))) {
    const dir = `/tmp/${name}`;
    const stat = statSync(dir, { throwIfNoEntry: false });
    let ownerPid: number | undefined;
    try {
      ownerPid = (JSON.parse(readFileSync(`${dir}/rig.json`, 'utf8')) as { state: RigState }).state.ownerPid;
    } catch {
      ownerPid = undefined;
    }
    if ((owner.pid !== undefined && ownerPid === owner.pid) || (owner.uid !== undefined && stat?.uid === owner.uid)) traces.push(dir);
  }
  return traces;
}

describe('loopback rig', function () {
  this.timeout(60_000);

  it('serves `ssh -F <config> <alias> docker version` and `docker -H ssh://alias`, then is gone after stop', async () => {
    let rig: Rig | undefined = await startRig();
    try {
      const uid = uidOf(rig.user);
      const sshd = JSON.parse(readFileSync(rig.stateFile, 'utf8')).state.pids.sshd as number;
      assert.ok(existsSync(`/proc/${sshd}`));
      // While it runs, the leftover check sees every kind of trace, so its empty answer later means something.
      const running = leftoversOf(rig, uid).join('\n');
      for (const kind of [/^processes \d+/m, /^user rds/m, /^mounts \/tmp\/rds-rig-/m, /^folder \/tmp\/rds-rig-/m]) assert.match(running, kind);
      // Found by name and folder alone (no PIDs were given), sshd included although it rewrites its argv.
      const found = (/^processes (.*)$/m.exec(running)?.[1] ?? '').split(', ').map(Number);
      for (const pid of rig.daemonPids()) assert.ok(found.includes(pid), `daemon ${pid} found without its PID`);

      const version = await run('ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', '--', rig.alias, 'docker', 'version', '--format', '{{.Server.Version}}'], { env: rig.env });
      assert.match(version.stdout, /^\d+\.\d+/);

      // The docker CLI runs plain `ssh` itself; the rig's env makes the alias work without ~/.ssh/config.
      const listed = await run('docker', ['-H', `ssh://${rig.alias}`, 'ps', '-a', '--format', '{{.Names}} {{.Image}}'], { env: rig.env });
      assert.match(listed.stdout, new RegExp(`^${rig.container} ${rig.image.replace(':latest', '')}`, 'm'));

      // The remote user is a real account with its own uid and the docker group, not root.
      const who = await run('ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', '--', rig.alias, 'id'], { env: rig.env });
      assert.match(who.stdout, new RegExp(`uid=${uid}\\(${rig.user}\\).*docker`));

      const stopped = rig;
      rig = undefined;
      await stopped.stop();
      assert.deepEqual(leftoversOf(stopped, uid), []);
      assert.equal(existsSync(`/proc/${sshd}`) && !readFileSync(`/proc/${sshd}/stat`, 'utf8').includes(') Z'), false, 'sshd is gone');
    } finally {
      await rig?.stop();
    }
  });

  it('runs several rigs at once with distinct ports, users and folders', async () => {
    const rigs = await Promise.all([startRig(), startRig()]);
    try {
      assert.notEqual(rigs[0].port, rigs[1].port);
      assert.notEqual(rigs[0].user, rigs[1].user);
      assert.notEqual(rigs[0].tmpDir, rigs[1].tmpDir);
      for (const rig of rigs) {
        const { stdout } = await run('ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', '--', rig.alias, 'echo "$DOCKER_HOST"'], { env: rig.env });
        assert.equal(stdout.trim(), `unix://${rig.dockerSocket}`);
      }
    } finally {
      await Promise.all(rigs.map((rig) => rig.stop()));
    }
    for (const rig of rigs) assert.deepEqual(leftoversOf(rig, -1), []);
  });

  it('refuses clearly and changes nothing when a binary is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-binaries-'));
    try {
      await assert.rejects(startRig({ binarySearchPath: empty }), (error: unknown) => {
        assert.ok(error instanceof RigRefusedError);
        assert.match(error.message, /sshd \(Debian package openssh-server\).*dockerd \(Debian package docker\.io\).*nothing was changed/);
        return true;
      });
    } finally {
      rmSync(empty, { recursive: true });
    }
    assert.deepEqual(tracesOf({ pid: process.pid }), []);
  });

  it('refuses clearly and changes nothing when not root', async () => {
    const child = await run(process.execPath, ['--import', 'tsx', '-e', `import('${rigDir}index.ts').then((m) => m.startRig()).then(() => process.exit(0), (e) => { console.error(e.name + ': ' + e.message); process.exit(3); })`], {
      uid: 65534,
      gid: 65534,
      cwd: new URL('../../', import.meta.url).pathname,
      env: { PATH: process.env.PATH, HOME: '/nonexistent', TMPDIR: '/tmp' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(child.code, 3);
    assert.match(child.stderr, /RigRefusedError: the loopback rig must run as root.*nothing was changed/);
    // Anything the refused process made would belong to uid 65534 (nobody).
    assert.deepEqual(tracesOf({ uid: 65534 }), []);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`is taken down when the process that started it gets ${signal}`, async () => {
      const { child, held } = await holdRigInChild();
      const uid = uidOf(held.user);
      assert.ok(existsSync(held.tmpDir));
      const exited = new Promise((resolve) => child.on('exit', (code, sig) => resolve(sig ?? code)));
      child.kill(signal);
      assert.equal(await exited, signal);
      assert.deepEqual(leftoversOf(held, uid), []);
    });
  }

  it('is swept away after its process died by SIGKILL (no handler could run)', async () => {
    const { child, held } = await holdRigInChild();
    const uid = uidOf(held.user);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    assert.ok(existsSync(held.tmpDir), 'a SIGKILLed owner leaves its rig behind');
    assert.ok(sweepStaleRigs(preflight()).includes(held.tmpDir));
    assert.deepEqual(leftoversOf(held, uid), []);
  });

  it('starts and stops through rigctl with a JSON description', async () => {
    const work = mkdtempSync(join(tmpdir(), 'rigctl-'));
    const stateFile = join(work, 'rig.json');
    const rigctl = join(rigDir, 'rigctl.ts');
    try {
      await run(process.execPath, ['--import', 'tsx', rigctl, 'start', '--state', stateFile]);
      const rig = JSON.parse(readFileSync(stateFile, 'utf8')) as Rig;
      for (const key of ['configFile', 'alias', 'host', 'port', 'user', 'identityFile', 'agentSocket', 'knownHostsFile', 'dockerSocket', 'env', 'tmpDir'] as const) {
        assert.ok(rig[key] !== undefined && rig[key] !== '', `description has ${key}`);
      }
      const uid = uidOf(rig.user);
      // The rig outlived the rigctl process that started it.
      const { stdout } = await run('docker', ['-H', `ssh://${rig.alias}`, 'image', 'ls', '--format', '{{.Repository}}'], { env: { ...process.env, ...rig.env } });
      assert.match(stdout, /rig-busybox/);
      await run(process.execPath, ['--import', 'tsx', rigctl, 'stop', '--state', stateFile]);
      assert.deepEqual(leftoversOf(rig, uid), []);
      assert.equal(existsSync(stateFile), false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
