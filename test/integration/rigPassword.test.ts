import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { startRig, type Rig } from '../fixtures/rig/index';

/*
 * The rig's `userPassword` option (for ssh-copy-id in the e2e layer), proved with plain ssh: the
 * password is asked for and accepted only when the option is given, a wrong one is refused, and the
 * password shows up in none of the rig's files. ssh gets it from an askpass script that reads it
 * from its environment (SSH_ASKPASS_REQUIRE=force: no terminal needed).
 */
describe('loopback rig: a password login for the rig user (userPassword)', function () {
  this.timeout(60_000);
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  let withPassword: Rig;
  let keyOnly: Rig;
  let scratch: string;
  let askpass: string;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'rds-rigpw-'));
    askpass = join(scratch, 'askpass');
    writeFileSync(askpass, '#!/bin/sh\nprintf \'%s\\n\' "$RIG_TEST_PASSWORD"\n', { mode: 0o700 });
    [withPassword, keyOnly] = await Promise.all([startRig({ userPassword: password }), startRig()]);
  });
  after(async () => {
    await Promise.all([withPassword?.stop(), keyOnly?.stop()]);
    rmSync(scratch, { recursive: true, force: true });
  });

  /**
   * A login that may only use the password: no agent, no key. Spawned directly: the product's runner
   * clears SSH_ASKPASS on purpose.
   */
  const passwordLogin = (rig: Rig, typed: string) =>
    new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolve) => {
      const args = ['-F', rig.configFile, '-o', 'PreferredAuthentications=password', '-o', 'PubkeyAuthentication=no', '-o', 'NumberOfPasswordPrompts=1', '--', rig.alias, 'echo', 'in-by-password'];
      const child = spawn('/usr/bin/ssh', args, {
        env: { ...rig.env, SSH_AUTH_SOCK: '', SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', RIG_TEST_PASSWORD: typed },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 20_000,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
    });
  const sshdLog = (rig: Rig) => readFileSync(join(rig.tmpDir, 'sshd', 'sshd.log'), 'utf8');

  it('with the option, the password logs the rig user in and a wrong one is refused', async () => {
    const ok = await passwordLogin(withPassword, password);
    assert.equal(ok.exitCode, 0, ok.stderr);
    assert.equal(ok.stdout.trim(), 'in-by-password');
    assert.match(sshdLog(withPassword), new RegExp(`Accepted password for ${withPassword.user} `));
    const wrong = await passwordLogin(withPassword, `${password}x`);
    assert.equal(wrong.exitCode, 255);
    assert.match(wrong.stderr, /Permission denied/);
    assert.match(sshdLog(withPassword), new RegExp(`Failed password for ${withPassword.user} `));
  });

  it('without it, sshd offers no password method at all', async () => {
    const refused = await passwordLogin(keyOnly, password);
    assert.equal(refused.exitCode, 255);
    assert.match(refused.stderr, /Permission denied \(publickey\)/);
    assert.doesNotMatch(sshdLog(keyOnly), /Accepted password/);
  });

  it('the password is in no file of the rig (state, description, sshd config and log)', () => {
    const files = ['rig.json', 'sshd/sshd_config', 'sshd/sshd.log', 'client/ssh_config'].map((file) => join(withPassword.tmpDir, file));
    for (const file of files) assert.ok(!readFileSync(file, 'utf8').includes(password), `${file} holds the password`);
    assert.ok(!JSON.stringify(withPassword.describe()).includes(password));
    // Only its hash is kept, where passwords live.
    const shadow = readFileSync('/etc/shadow', 'utf8').split('\n').find((line) => line.startsWith(`${withPassword.user}:`)) ?? '';
    assert.match(shadow.split(':')[1] ?? '', /^\$/, 'a crypt hash');
    assert.ok(!shadow.includes(password));
  });
});
