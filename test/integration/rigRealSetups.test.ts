import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRig, type Rig } from '../fixtures/rig/index';
import { sshdMaxAuthTries } from '../fixtures/rig/sshd';
import { runProcess } from '../../src/core/runner';
import { isAlive } from '../fixtures/rig/processes';

/*
 * The rig's parts for real users' setups (issue 11, "Tests: extend the rig"), proved with plain
 * ssh before any product test relies on them: a second sshd on [::1], user and host certificates,
 * a session that hangs after login, an agent with more keys than MaxAuthTries.
 */
describe('loopback rig: real ssh setups', function () {
  this.timeout(60_000);
  let rig: Rig;

  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.stop();
  });

  const sshdLog = () => readFileSync(join(rig.tmpDir, 'sshd', 'sshd.log'), 'utf8');
  // A -F in args comes later and wins (ssh keeps the last one).
  const ssh = (args: readonly string[], timeoutMs = 20_000) => runProcess('/usr/bin/ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', ...args], { env: rig.env, timeoutMs });

  it('a second sshd on [::1] serves the same user and host key; its PID is in the state file (for the teardown) and stop() ends it', async () => {
    const second = await rig.startIpv6Sshd();
    const knownHosts = join(rig.tmpDir, 'client', 'known_hosts_ipv6');
    writeFileSync(knownHosts, second.knownHostsLine);
    const result = await ssh(['-o', `UserKnownHostsFile=${knownHosts}`, '-p', String(second.port), '-l', rig.user, '--', '::1', 'echo', 'over-ipv6']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'over-ipv6');
    assert.match(readFileSync(join(rig.tmpDir, 'sshd', 'sshd_ipv6.log'), 'utf8'), /Accepted publickey for .* from ::1 /);
    // The line ssh looks up is [::1]:PORT, not the 127.0.0.1 one: without it, strict checking refuses.
    const unknown = await ssh(['-o', 'StrictHostKeyChecking=yes', '-p', String(second.port), '-l', rig.user, '--', '::1', 'true']);
    assert.equal(unknown.exitCode, 255);
    assert.match(unknown.stderr, /No ED25519 host key is known for \[::1\]:\d+/);
    const pid = JSON.parse(readFileSync(rig.stateFile, 'utf8')).state.pids.sshdIpv6 as number;
    assert.ok(isAlive(pid));
    await second.stop();
    assert.ok(!isAlive(pid), 'stop() ends the second sshd');
  });

  it('certificates-only: the host is known through @cert-authority and the user logs in with a certificate', async () => {
    const repair = await rig.breakOne('certificates-only');
    try {
      assert.match(readFileSync(rig.knownHostsFile, 'utf8'), /^@cert-authority \[127\.0\.0\.1\]:\d+ ssh-ed25519 \S+\n$/);
      assert.equal(readFileSync(join(rig.tmpDir, 'home', rig.user, '.ssh', 'authorized_keys'), 'utf8'), '', 'no plain key is authorized');
      const result = await ssh(['--', rig.alias, 'true']);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.match(sshdLog(), /Accepted publickey for \S+ from 127\.0\.0\.1 port \d+ ssh2: ED25519-CERT SHA256:\S+ ID rig user /);
      // Without the certificate the same key is refused: the login above really was the certificate's.
      const plainKey = await ssh(['-o', 'CertificateFile=none', '-o', 'IdentityAgent=none', '--', rig.alias, 'true']);
      assert.ok(existsSync(`${rig.identityFile}-cert.pub`));
      assert.equal(plainKey.exitCode, 255);
      assert.match(plainKey.stderr, /Permission denied \(publickey\)/);
    } finally {
      await repair();
    }
    assert.ok(!existsSync(`${rig.identityFile}-cert.pub`), 'the repair removes the certificate');
    const after = await ssh(['--', rig.alias, 'true']);
    assert.equal(after.exitCode, 0, after.stderr);
  });

  it('session-hangs: the login is accepted, then the session never ends', async () => {
    const repair = await rig.breakOne('session-hangs');
    try {
      const accepted = (sshdLog().match(/Accepted publickey for /g) ?? []).length;
      const result = await ssh(['--', rig.alias, 'echo', 'never-printed'], 3000);
      assert.equal(result.timedOut, true, `ssh ended: ${result.exitCode} ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.equal((sshdLog().match(/Accepted publickey for /g) ?? []).length, accepted + 1);
    } finally {
      await repair();
    }
  });

  it(`agent-many-keys: more than MaxAuthTries (${sshdMaxAuthTries}) agent keys go before the IdentityFile; IdentitiesOnly gets through`, async () => {
    const repair = await rig.breakOne('agent-many-keys');
    try {
      const listed = await runProcess('ssh-add', ['-l'], { env: rig.env, timeoutMs: 10_000 });
      assert.equal(listed.stdout.trim().split('\n').length, sshdMaxAuthTries + 2);
      // The rig's config names the right IdentityFile (an unencrypted key the agent does not hold); without IdentitiesOnly ssh tries the agent's keys first.
      const tooMany = await ssh(['-o', 'IdentitiesOnly=no', '--', rig.alias, 'true']);
      assert.equal(tooMany.exitCode, 255);
      assert.match(tooMany.stderr, /Too many authentication failures/);
      // The rig's own config says IdentitiesOnly yes with its IdentityFile: that is the fix.
      const only = await ssh(['--', rig.alias, 'true']);
      assert.equal(only.exitCode, 0, only.stderr);
    } finally {
      await repair();
    }
    const listed = await runProcess('ssh-add', ['-l'], { env: rig.env, timeoutMs: 10_000 });
    assert.equal(listed.stdout.trim().split('\n').length, 1);
  });
});
