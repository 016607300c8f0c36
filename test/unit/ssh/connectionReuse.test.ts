import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BadInputError } from '../../../src/core/errors';
import {
  addConnectionReuse,
  maxControlDirLength,
  planConnectionReuse,
  planReuseUndo,
  removeConnectionReuse,
} from '../../../src/core/ssh/connectionReuse';
import { reuseUnsupportedReason } from '../../../src/core/ssh/connectionReuseVerdict';

/**
 * issue 14 item 1: the planner places the reuse lines where ssh applies them, and undo takes back
 * exactly those bytes. `ssh -G` (run in the unit layer's loopback-only namespace) is the judge.
 */
describe('connection reuse: plan, apply through ssh -G, undo byte-exactly', () => {
  let dir: string;
  let controlDir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rds-reuse-'));
    controlDir = path.join(dir, 'cm');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function roundTrip(text: string | Buffer, alias: string, expected: { placement: string; line?: number }) {
    const file = path.join(dir, 'config');
    const original = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
    await writeFile(file, original, { mode: 0o600 });
    const added = await addConnectionReuse(file, alias, { controlDir, sshConfigFile: file });
    assert.equal(added.placement, expected.placement);
    if (expected.line !== undefined) assert.equal(added.line, expected.line);
    assert.deepEqual(added.problems, []);
    assert.equal(added.effective, true);
    assert.ok(added.controlPath?.startsWith(`${controlDir}/`), added.controlPath);
    assert.match(path.basename(added.controlPath!), /^[0-9a-f]{40}$/, 'ControlPath uses %C');
    assert.equal((await stat(controlDir)).mode & 0o777, 0o700);
    const written = await readFile(file);
    // Every byte of the original is still there, in order, around one spliced block.
    const undone = await removeConnectionReuse(file, alias, { sshConfigFile: file });
    assert.equal(undone.written, true);
    assert.equal(undone.effective, false, 'after undo ssh -G must show no reuse');
    assert.deepEqual(await readFile(file), original, 'undo restores the file byte for byte');
    return written.toString('latin1');
  }

  it('inside the host\'s own block, right under its Host line (ours win over a value the block has)', async () => {
    const config = '# mine\nHost web\n  HostName 192.0.2.1\n  ControlMaster no\n\nHost *\n  User me\n';
    const written = await roundTrip(config, 'web', { placement: 'own-block', line: 3 });
    assert.match(written, /^# mine\nHost web\n {2}# remote-docker-ssh: reuse one ssh connection for web .*\n {2}ControlMaster auto\n {2}ControlPath .*\/%C\n {2}ControlPersist 5m\n {2}ServerAliveInterval 5\n {2}ServerAliveCountMax 3\n {2}# remote-docker-ssh: end of connection reuse for web\n {2}HostName 192.0.2.1\n/);
  });

  it('a new block above an earlier Host * that would set ControlMaster first', async () => {
    const config = 'Host *\n  ControlMaster no\n  ServerAliveInterval 60\n\nHost web\n  HostName 192.0.2.1\n';
    const written = await roundTrip(config, 'web', { placement: 'new-block', line: 1 });
    assert.ok(written.endsWith(config), 'the user\'s text follows unchanged');
  });

  it('a new block above a pattern that matches the alias', async () => {
    const config = 'Host web\n  HostName 192.0.2.1\n';
    const withPattern = `Host w*\n  ControlPath none\n\n${config}`;
    await roundTrip(withPattern, 'web', { placement: 'new-block', line: 1 });
  });

  it('above global options that set one, closed by Host * (CRLF kept)', async () => {
    const config = '# top\r\nControlPersist no\r\n\r\nHost web\r\n  HostName 192.0.2.1\r\n';
    const written = await roundTrip(config, 'web', { placement: 'new-block-above-global-options' });
    assert.match(written, /\r\nHost \*\r\n# remote-docker-ssh: end of connection reuse for web\r\n# top\r\nControlPersist no\r\n/);
    assert.ok(!/[^\r]\n/.test(written), 'only CRLF line ends');
  });

  it('at the end when the alias lives in an included file, and the missing final line break comes back on undo', async () => {
    const included = path.join(dir, 'hosts.conf');
    await writeFile(included, 'Host web\n  HostName 192.0.2.1\n');
    const written = await roundTrip(`Include ${included}\nHost other\n  HostName 192.0.2.9`, 'web', { placement: 'end-of-file', line: 4 });
    assert.match(written, /HostName 192\.0\.2\.9\n# remote-docker-ssh: reuse one ssh connection for web .*\[a line break was added before this line\]\n/);
  });

  it('a Host line without a line break at the end of the file (own block)', async () => {
    await roundTrip('Host web', 'web', { placement: 'own-block', line: 2 });
  });

  it('invalid UTF-8 in a comment and an odd indent survive both ways', async () => {
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\nHost web\n\tHostName 192.0.2.1\n')]);
    const written = await roundTrip(bytes, 'web', { placement: 'own-block' });
    assert.match(written, /\n\tControlMaster auto\n/);
  });

  it('a second run finds its lines and writes nothing; undo keeps a line the user added between ours', async () => {
    const file = path.join(dir, 'config');
    await writeFile(file, 'Host web\n  HostName 192.0.2.1\n');
    await addConnectionReuse(file, 'web', { controlDir, sshConfigFile: file });
    const once = await readFile(file, 'utf8');
    const again = await addConnectionReuse(file, 'web', { controlDir, sshConfigFile: file });
    assert.equal(again.written, false);
    assert.equal(await readFile(file, 'utf8'), once);
    await writeFile(file, once.replace('  ControlPersist 5m\n', '  ControlPersist 5m\n  ForwardAgent no\n'));
    await removeConnectionReuse(file, 'web', { sshConfigFile: file });
    assert.equal(await readFile(file, 'utf8'), 'Host web\n  ForwardAgent no\n  HostName 192.0.2.1\n');
  });

  it('undo with nothing to undo writes nothing; a lost end line is refused', async () => {
    const file = path.join(dir, 'config');
    await writeFile(file, 'Host web\n  HostName 192.0.2.1\n');
    const nothing = await removeConnectionReuse(file, 'web', { sshConfigFile: file });
    assert.equal(nothing.written, false);
    const plan = await planConnectionReuse('Host web\n', 'web', '~/.ssh/cm');
    assert.equal(plan.kind, 'add');
    const text = 'Host web\n' + (plan.kind === 'add' ? plan.text : '');
    assert.throws(() => planReuseUndo(text.replace(/.*end of connection reuse.*\n/, ''), 'web'), BadInputError);
  });

  it('bad input changes nothing: an alias starting with "-", an unknown alias, a folder as config, Windows', async () => {
    const file = path.join(dir, 'config');
    const original = 'Host web\n  HostName 192.0.2.1\n';
    await writeFile(file, original);
    await assert.rejects(addConnectionReuse(file, '-oProxyCommand=x', { controlDir, sshConfigFile: file }), BadInputError);
    await assert.rejects(addConnectionReuse(file, 'nope', { controlDir, sshConfigFile: file }), /has no "Host nope" block/);
    await assert.rejects(addConnectionReuse(dir, 'web', { controlDir }), /is a folder/);
    await assert.rejects(addConnectionReuse(file, 'web', { controlDir, platform: 'win32' }), /Windows does not have/);
    await assert.rejects(addConnectionReuse(file, 'web', { controlDir: `/${'x'.repeat(60)}` }), /system's limit/);
    assert.equal(await readFile(file, 'utf8'), original);
    await assert.rejects(stat(controlDir), /ENOENT/, 'no socket folder was made');
    assert.ok(reuseUnsupportedReason('win32'));
    assert.equal(reuseUnsupportedReason('linux'), undefined);
    assert.equal(maxControlDirLength('darwin'), 45);
  });

  it('says so when ssh -G shows an included file winning (written, not effective)', async () => {
    const included = path.join(dir, 'first.conf');
    await writeFile(included, 'Host *\n  ControlMaster no\n');
    const file = path.join(dir, 'config');
    await writeFile(file, `Include ${included}\nHost web\n  HostName 192.0.2.1\n`);
    const added = await addConnectionReuse(file, 'web', { controlDir, sshConfigFile: file });
    assert.equal(added.written, true);
    assert.equal(added.effective, false);
    assert.deepEqual(added.problems, ['ControlMaster is false (wanted auto)']);
  });
});
