import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRig, type Rig } from '../fixtures/rig/index';
import { acceptedLogins as countAccepted } from '../fixtures/rig/sshdLog';
import { writeSecurityKeyPair } from '../fixtures/keys/securityKey';
import { runDoctor } from '../../src/core/doctor/doctor';
import { remoteCheckIds } from '../../src/core/doctor/checks/types';
import { runProcess } from '../../src/core/runner';

/*
 * Issue 14 item 2: no background check ever asks for a hardware-key touch. A FIDO key (sk-) in the
 * real agent, or as an IdentityFile, makes a background doctor run leave the host alone: sshd logs
 * no "Accepted publickey". The same run asked for by the user (not background) does log in.
 */
describe('background checks and security keys, against the loopback rig', function () {
  this.timeout(90_000);
  let rig: Rig;
  let work: string;

  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.stop();
  });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'bgkeys-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const acceptedLogins = () => countAccepted(rig);

  async function expectQuietThenLoud(configFile: string, pattern: RegExp) {
    for (const path of ['docker-host', 'remote-ssh'] as const) {
      const before = acceptedLogins();
      const quiet = await runDoctor({ target: rig.alias, path, configFile, env: rig.env, background: true, timeoutMs: 15_000 });
      assert.equal(acceptedLogins(), before, `${path}: a background run logged in`);
      assert.match(quiet.notCheckedInBackground ?? '', pattern);
      assert.deepEqual(quiet.checks.filter((check) => remoteCheckIds.includes(check.id)), [], 'no remote check in the report');
      assert.ok(quiet.checks.length > 0, 'the local checks ran');
      // Control: asked for, the same run logs in (the agent's plain rig key comes first, so no touch here).
      const loud = await runDoctor({ target: rig.alias, path, configFile, env: rig.env, timeoutMs: 15_000 });
      assert.equal(loud.ok, true, JSON.stringify(loud.checks));
      assert.equal(loud.notCheckedInBackground, undefined);
      assert.ok(acceptedLogins() > before, `${path}: the asked-for run did not log in`);
    }
  }

  it('an ED25519-SK key in the real agent: the background run makes no login, the asked-for one does', async () => {
    const key = join(work, 'id_sk');
    writeSecurityKeyPair(key, 'bg-test-sk');
    const add = await runProcess('ssh-add', [key], { env: rig.env, timeoutMs: 10_000 });
    assert.equal(add.exitCode, 0, add.stderr);
    try {
      const listed = await runProcess('ssh-add', ['-l'], { env: rig.env, timeoutMs: 10_000 });
      assert.match(listed.stdout, /bg-test-sk \(ED25519-SK\)/, 'ssh-add -l lists the security key');
      await expectQuietThenLoud(rig.configFile, /ED25519-SK/);
    } finally {
      await runProcess('ssh-add', ['-d', `${key}.pub`], { env: rig.env, timeoutMs: 10_000 });
    }
  });

  it('a security key as an IdentityFile (sk- in its .pub): the background run makes no login', async () => {
    const key = join(work, 'id_ed25519_sk');
    writeSecurityKeyPair(key);
    const config = join(work, 'ssh_config');
    writeFileSync(config, `Host ${rig.alias}\n  IdentityFile ${key}\n\n${readFileSync(rig.configFile, 'utf8')}`);
    await expectQuietThenLoud(config, new RegExp(`security key ${key}`));
  });

  it('no security key: a background run is a full run', async () => {
    const before = acceptedLogins();
    const report = await runDoctor({ target: rig.alias, path: 'docker-host', configFile: rig.configFile, env: rig.env, background: true, timeoutMs: 15_000 });
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    assert.equal(report.notCheckedInBackground, undefined);
    assert.ok(report.checks.some((check) => check.id === 'auth'));
    assert.ok(acceptedLogins() > before);
  });
});
