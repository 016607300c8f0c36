import { strict as assert } from 'node:assert';
import { chmod, chown, link, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { runProcess } from '../../src/core/runner';
import { makeTempDir } from '../fixtures/sshConfig/editChecks';
import { cliCommand, repoRoot, runHostsCli } from '../fixtures/sshConfig/hostsCli';
import { loopbackOnly } from '../fixtures/netns/loopbackOnly';

/**
 * issue 11 part 5: `hosts add` on config files in the states users leave them in, through the real
 * CLI, on real file systems (a tmpfs mounted by the test for read-only and full). Root is needed
 * for the mounts and to act as another user (`setpriv`), as for the rig.
 */
const nobody = { uid: 65534, gid: 65534 };
const foreignGid = 1; // daemon: a group "nobody" is not in
const hostArgs = (configFile: string, alias = 'newbox') => ['hosts', 'add', alias, '--hostname', '192.0.2.7', '--config', configFile];
const listing = async (dir: string) => (await readdir(dir)).sort();

async function runCliAs(user: { uid: number; gid: number }, args: string[]) {
  const command = cliCommand(args);
  const asUser = ['--reuid', String(user.uid), '--regid', String(user.gid), '--clear-groups', '--', command.file, ...command.args];
  const netns = loopbackOnly('setpriv', asUser);
  return runProcess(netns.file, netns.args, { timeoutMs: 60_000, cwd: repoRoot, env: { ...process.env, HOME: '/nonexistent' } });
}

async function withTmpfs<T>(dir: string, sizeKb: number, work: () => Promise<T>): Promise<T> {
  await mkdir(dir, { recursive: true });
  const mounted = await runProcess('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', dir], { timeoutMs: 10_000 });
  assert.equal(mounted.exitCode, 0, mounted.stderr);
  try {
    return await work();
  } finally {
    const unmounted = await runProcess('umount', [dir], { timeoutMs: 10_000 });
    assert.equal(unmounted.exitCode, 0, unmounted.stderr);
  }
}

describe('hosts add: config files in every state users leave them (issue 11 part 5)', function () {
  this.timeout(120_000);
  let temp: Awaited<ReturnType<typeof makeTempDir>>;

  before(async function () {
    if (process.getuid?.() !== 0) this.skip(); // mounts and setpriv need root, like the rig
    temp = await makeTempDir('rds-states-');
    await chmod(temp.dir, 0o755); // "nobody" must reach its folders below
  });
  after(async () => {
    await temp?.remove();
  });

  it('a dangling symlink is followed: the target is created and the link kept', async () => {
    const dotfiles = path.join(temp.dir, 'dotfiles');
    const ssh = path.join(temp.dir, 'dangling-ssh');
    await mkdir(dotfiles);
    await mkdir(ssh);
    const link = path.join(ssh, 'config');
    await symlink('../dotfiles/ssh_config', link);
    const result = await runHostsCli(hostArgs(link));
    assert.equal(result.exitCode, 0, result.stderr);
    assert.ok((await lstat(link)).isSymbolicLink(), 'the link was replaced by a file');
    assert.equal(await readlink(link), '../dotfiles/ssh_config');
    const target = path.join(dotfiles, 'ssh_config');
    assert.match(await readFile(target, 'utf8'), /^Host newbox\n\s+HostName 192\.0\.2\.7\n/);
    assert.equal((await stat(target)).mode & 0o777, 0o600);
    assert.match(result.stdout, new RegExp(`Added host "newbox" to ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.match(result.stdout, /ssh resolves "newbox" to .*@192\.0\.2\.7/);
    assert.deepEqual(await listing(dotfiles), ['ssh_config'], 'a lock or temp file was left');
  });

  it('a hard-linked config is refused with a message (exit 2), both names unchanged', async () => {
    const dir = path.join(temp.dir, 'hardlink');
    await mkdir(dir);
    const configFile = path.join(dir, 'config');
    const other = path.join(dir, 'config.shared');
    await writeFile(configFile, 'Host old\n  HostName 192.0.2.1\n', { mode: 0o600 });
    await link(configFile, other);
    const before = await listing(dir);
    const result = await runHostsCli(hostArgs(configFile));
    assert.equal(result.exitCode, 2, result.stderr);
    assert.match(result.stderr, /has 2 hard links; a safe \(atomic\) edit would separate them\. .*Nothing was changed\./);
    assert.equal(await readFile(other, 'utf8'), 'Host old\n  HostName 192.0.2.1\n');
    assert.equal((await stat(configFile)).ino, (await stat(other)).ino, 'the hard link was split');
    assert.deepEqual(await listing(dir), before);
  });

  it('a file whose group is not the user\'s is written without failing on fchown', async () => {
    const dir = path.join(temp.dir, 'foreign-group');
    await mkdir(dir, { mode: 0o700 });
    await chown(dir, nobody.uid, nobody.gid);
    const configFile = path.join(dir, 'config');
    await writeFile(configFile, 'Host old\n  HostName 192.0.2.1\n', { mode: 0o640 });
    await chown(configFile, nobody.uid, foreignGid);
    const result = await runCliAs(nobody, hostArgs(configFile));
    assert.equal(result.exitCode, 0, result.stderr);
    const info = await stat(configFile);
    assert.equal(info.uid, nobody.uid);
    assert.equal(info.gid, nobody.gid, 'the new file is in the user\'s own group (fchown to the foreign one is not allowed)');
    assert.equal(info.mode & 0o777, 0o640, 'the mode is kept');
    assert.match(await readFile(configFile, 'utf8'), /^Host old\n {2}HostName 192\.0\.2\.1\n\nHost newbox\n/);
  });

  it('a read-only folder (permissions) gives exit 3, a clear message, the original intact, nothing left', async () => {
    const dir = path.join(temp.dir, 'readonly-folder');
    await mkdir(dir);
    const configFile = path.join(dir, 'config');
    await writeFile(configFile, 'Host old\n  HostName 192.0.2.1\n', { mode: 0o600 });
    await chown(configFile, nobody.uid, nobody.gid);
    await chown(dir, nobody.uid, nobody.gid);
    await chmod(dir, 0o555);
    const before = await listing(dir);
    const result = await runCliAs(nobody, hostArgs(configFile));
    assert.equal(result.exitCode, 3, result.stderr);
    assert.match(result.stderr, /Could not write .*config: permission denied \(the folder or the file is not writable by you\)\. Nothing was changed\./);
    assert.equal(await readFile(configFile, 'utf8'), 'Host old\n  HostName 192.0.2.1\n');
    assert.deepEqual(await listing(dir), before);
  });

  it('a read-only file system gives exit 3, a clear message, the original intact, nothing left', async () => {
    const mount = path.join(temp.dir, 'ro-mount');
    await withTmpfs(mount, 64, async () => {
      const configFile = path.join(mount, 'config');
      await writeFile(configFile, 'Host old\n  HostName 192.0.2.1\n', { mode: 0o600 });
      const remount = await runProcess('mount', ['-o', 'remount,ro', mount], { timeoutMs: 10_000 });
      assert.equal(remount.exitCode, 0, remount.stderr);
      const result = await runHostsCli(hostArgs(configFile));
      assert.equal(result.exitCode, 3, result.stderr);
      assert.match(result.stderr, /Could not write .*config: the file system is mounted read-only\. Nothing was changed\./);
      assert.equal(await readFile(configFile, 'utf8'), 'Host old\n  HostName 192.0.2.1\n');
      assert.deepEqual(await listing(mount), ['config']);
    });
  });

  it('a full disk gives exit 3, a clear message, the original intact, no lock, temp or backup left', async () => {
    const mount = path.join(temp.dir, 'full-mount');
    await withTmpfs(mount, 16, async () => {
      const configFile = path.join(mount, 'config');
      const original = `Host old\n  HostName 192.0.2.1\n${'# padding\n'.repeat(300)}`;
      await writeFile(configFile, original, { mode: 0o600 });
      // Fill what is left, one page at a time, until the file system refuses.
      const filler = await runProcess('dd', ['if=/dev/zero', `of=${path.join(mount, 'filler')}`, 'bs=4096'], { timeoutMs: 30_000 });
      assert.match(filler.stderr, /No space left on device/);
      const before = await listing(mount);
      const result = await runHostsCli(hostArgs(configFile));
      assert.equal(result.exitCode, 3, result.stderr);
      assert.match(result.stderr, /Could not write .*config: the disk is full\. Nothing was changed\./);
      assert.equal(await readFile(configFile, 'utf8'), original);
      assert.deepEqual(await listing(mount), before);
    });
  });

  it('a UTF-8 BOM and a NUL byte are reported with what ssh makes of them', async () => {
    const dir = path.join(temp.dir, 'odd-bytes');
    await mkdir(dir);
    const bomFile = path.join(dir, 'bom');
    await writeFile(bomFile, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Host old\n  HostName 192.0.2.1\n')]));
    // What we say must be what ssh does: it refuses the whole file.
    const g = loopbackOnly('ssh', ['-G', '-F', bomFile, '--', 'old']);
    const sshSays = await runProcess(g.file, g.args, { timeoutMs: 15_000 });
    assert.equal(sshSays.exitCode, 255);
    assert.match(sshSays.stderr, /Bad configuration option: \\357\\273\\277host/);
    const bom = await runHostsCli(hostArgs(bomFile));
    assert.match(bom.stderr, /warning: .*bom starts with a UTF-8 byte order mark \(BOM\)\. ssh reads it as part of the first keyword and refuses the whole file/);

    const nulFile = path.join(dir, 'nul');
    await writeFile(nulFile, Buffer.from('Host old\n  HostName 192.0.2.1\0 ignored\n  User bob\n'));
    const nulG = loopbackOnly('ssh', ['-G', '-F', nulFile, '--', 'old']);
    const nulSays = await runProcess(nulG.file, nulG.args, { timeoutMs: 15_000 });
    assert.equal(nulSays.exitCode, 0, nulSays.stderr);
    assert.match(nulSays.stdout, /^hostname 192\.0\.2\.1$/m, 'ssh reads the line up to the NUL');
    const nul = await runHostsCli(hostArgs(nulFile));
    assert.equal(nul.exitCode, 0, nul.stderr);
    assert.match(nul.stderr, /warning: .*nul line 2 contains a NUL byte\. ssh reads that line only up to it and ignores the rest/);
  });
});
