import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRig, type Rig } from '../fixtures/rig/index';
import type { DoctorReport } from '../../src/core/doctor/doctor';
import { cliEntry, runCli } from './helpers/runCli';


describe('CLI doctor and trust-host against the loopback rig', function () {
  this.timeout(60_000);
  let rig: Rig;
  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.stop();
  });

  it('doctor text output neutralises the escape sequences a remote docker prints (issue 11 part 4)', async () => {
    const repair = await rig.breakOne('remote-docker-escapes');
    try {
      const { code, stdout } = await runCli(['doctor', rig.alias, '--config', rig.configFile, '--path', 'docker-host'], rig.env);
      assert.equal(code, 1, stdout);
      // The remote text is in the report, made visible...
      assert.match(stdout, /remote-docker-engine .*Error response from daemon: \\x1b\]0;owned\\x07\\x1b\[2J\\x1b\[31mred\\x9b\\u202eevil\\x0dAll checks passed/);
      // ...and no byte of it can act on the terminal (stdout is a pipe: the report has no colour of its own).
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
      const json = await runCli(['doctor', rig.alias, '--config', rig.configFile, '--path', 'docker-host', '--json'], rig.env);
      const engine = (JSON.parse(json.stdout) as DoctorReport).checks.find((entry) => entry.id === 'remote-docker-engine')!;
      // eslint-disable-next-line no-control-regex
      assert.match(engine.message, /\u001b\]0;owned\u0007/, 'the JSON keeps the real text (JSON escapes it), for machines');
    } finally {
      await repair();
    }
  });

  it('doctor exits 0 on a warning alone (a nearly full data root), and says so in text and --json', async () => {
    const repair = await rig.breakOne('docker-data-root-full');
    try {
      const text = await runCli(['doctor', rig.alias, '--config', rig.configFile], rig.env);
      assert.equal(text.code, 0, text.stdout);
      assert.match(text.stdout, /\n +! remote-docker-engine .*\[docker-data-root-full\]/);
      assert.match(text.stdout, /All \d+ checks passed in \d+ ms, 1 with a warning\.\n$/);
      const json = await runCli(['doctor', rig.alias, '--config', rig.configFile, '--json'], rig.env);
      assert.equal(json.code, 0, json.stdout);
      const report = JSON.parse(json.stdout) as DoctorReport;
      assert.equal(report.ok, true);
      assert.deepEqual(report.checks.filter((check) => check.status !== 'pass').map((check) => [check.id, check.status, check.code]), [['remote-docker-engine', 'warn', 'docker-data-root-full']]);
    } finally {
      await repair();
    }
  });

  it('doctor --json prints the DESIGN.md object and exits 0 when healthy', async () => {
    const { code, stdout } = await runCli(['doctor', rig.alias, '--config', rig.configFile, '--path', 'docker-host', '--json'], rig.env);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as DoctorReport;
    assert.equal(report.target, rig.alias);
    assert.equal(report.path, 'docker-host');
    assert.equal(report.ok, true);
    assert.equal(typeof report.totalMs, 'number');
    for (const check of report.checks) {
      assert.deepEqual(Object.keys(check).sort(), ['durationMs', 'id', 'message', 'status']);
      assert.equal(check.status, 'pass');
    }
  });

  it('doctor prints a readable report without colour when stdout is not a TTY, and exits 1 on a failure', async () => {
    const repair = await rig.breakOne('dockerd-stopped');
    try {
      const { code, stdout } = await runCli(['doctor', rig.alias, '--config', rig.configFile, '--timeout', '8'], rig.env);
      assert.equal(code, 1);
      assert.ok(!stdout.includes(`${String.fromCharCode(27)}[`), "no ANSI colour codes");
      assert.match(stdout, /✗ remote-docker-engine .*\[docker-daemon-down\]/);
      assert.match(stdout, /fix: Start the Docker Engine on the host: `sudo systemctl enable --now docker`/);
      assert.match(stdout, /1 check\(s\) failed/);
    } finally {
      await repair();
    }
  });

  it('doctor refuses a bad target with exit 2 and a bad-target object under --json', async () => {
    const { code, stdout, stderr } = await runCli(['doctor', '--json', '--', '-oProxyCommand=sh'], rig.env);
    assert.equal(code, 2);
    assert.equal(JSON.parse(stdout).code, 'bad-target');
    assert.match(stderr, /starts with "-"/);
    assert.equal((await runCli(['doctor', rig.alias, '--timeout', 'soon'], rig.env)).code, 2);
    assert.equal((await runCli(['doctor', rig.alias, '--path', 'ftp'], rig.env)).code, 2);
  });

  it('trust-host writes the key only when the fingerprint matches what the host offers now', async () => {
    const repair = await rig.breakOne('host-key-unknown');
    try {
      assert.equal(readFileSync(rig.knownHostsFile, 'utf8'), '');
      const wrong = 'SHA256:ieR9ojpS1MPepB/UekYc0hwKmAqpY1EFPar9cpWPRWM';
      const refused = await runCli(['trust-host', rig.alias, '--config', rig.configFile, '--fingerprint', wrong], rig.env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /Nothing was written/);
      assert.equal(readFileSync(rig.knownHostsFile, 'utf8'), '');

      const written = await runCli(['trust-host', rig.alias, '--config', rig.configFile, '--fingerprint', rig.hostKeyFingerprint], rig.env);
      assert.equal(written.code, 0, written.stderr);
      assert.match(written.stdout, new RegExp(`Added \\[127\\.0\\.0\\.1\\]:${rig.port} ssh-ed25519`));
      const lines = readFileSync(rig.knownHostsFile, 'utf8').trim().split('\n');
      assert.equal(lines.length, 1);
      assert.match(lines[0], new RegExp(`^\\[127\\.0\\.0\\.1\\]:${rig.port} ssh-ed25519 AAAA`));

      const again = await runCli(['trust-host', rig.alias, '--config', rig.configFile, '--fingerprint', rig.hostKeyFingerprint], rig.env);
      assert.equal(again.code, 0);
      assert.match(again.stdout, /already/);
      assert.equal(readFileSync(rig.knownHostsFile, 'utf8').trim().split('\n').length, 1);

      // The key it wrote is one ssh accepts.
      const doctor = await runCli(['doctor', rig.alias, '--config', rig.configFile, '--json'], rig.env);
      assert.equal(JSON.parse(doctor.stdout).ok, true);
    } finally {
      await repair();
    }
  });

  it('trust-host writes a hashed line when the config says HashKnownHosts yes, and ssh accepts it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'hashed-'));
    const repair = await rig.breakOne('host-key-unknown');
    try {
      const config = join(work, 'ssh_config');
      writeFileSync(config, readFileSync(rig.configFile, 'utf8').replace(`Host ${rig.alias}\n`, `Host ${rig.alias}\n  HashKnownHosts yes\n`));
      const written = await runCli(['trust-host', rig.alias, '--config', config, '--fingerprint', rig.hostKeyFingerprint], rig.env);
      assert.equal(written.code, 0, written.stderr);
      const line = readFileSync(rig.knownHostsFile, 'utf8').trim();
      assert.match(line, /^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-ed25519 AAAA/);
      assert.ok(!line.includes('127.0.0.1'), 'the host name is not readable in a hashed line');
      const doctor = await runCli(['doctor', rig.alias, '--config', config, '--json', '--only', 'host-key,auth'], rig.env);
      assert.equal(JSON.parse(doctor.stdout).ok, true, doctor.stdout);
    } finally {
      await repair();
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('trust-host never replaces a changed host key, even with the new fingerprint', async () => {
    const before = readFileSync(rig.knownHostsFile, 'utf8');
    const repair = await rig.breakOne('host-key-changed');
    try {
      const result = await runCli(['trust-host', rig.alias, '--config', rig.configFile, '--fingerprint', rig.currentHostKeyFingerprint()], rig.env);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /SECURITY: the host key .* has CHANGED.*Nothing was written/);
      assert.equal(readFileSync(rig.knownHostsFile, 'utf8'), before);
    } finally {
      await repair();
    }
  });

  it('trust-host refuses a malformed fingerprint or target with exit 2', async () => {
    assert.equal((await runCli(['trust-host', rig.alias, '--config', rig.configFile, '--fingerprint', 'MD5:aa:bb'], rig.env)).code, 2);
    assert.equal((await runCli(['trust-host', '--fingerprint', rig.hostKeyFingerprint, '--', '-oProxyCommand=sh'], rig.env)).code, 2);
    assert.equal((await runCli(['trust-host', rig.alias], rig.env)).code, 2);
  });

  it('never prompts on a terminal, even with a config that would let ssh ask (no StrictHostKeyChecking, password fallback)', async () => {
    // A user's typical config: no StrictHostKeyChecking, so plain ssh (the one docker runs) would ask.
    const work = mkdtempSync(join(tmpdir(), 'tty-doctor-'));
    try {
      const config = join(work, 'ssh_config');
      writeFileSync(config, readFileSync(rig.configFile, 'utf8').replace(/^\s*StrictHostKeyChecking.*$/gm, ''));
      writeFileSync(join(work, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F '${config}' "$@"\n`);
      chmodSync(join(work, 'ssh'), 0o755);
      const env = { ...rig.env, PATH: `${work}:${rig.env.PATH}` };
      for (const fault of ['host-key-unknown', 'authorized-key-removed'] as const) {
        const repair = await rig.breakOne(fault);
        try {
          // `script` gives the doctor a real pseudo-terminal, so a prompt would be written there (and then
          // wait until the doctor's timeout killed ssh, which reports a timeout, not the fault's own code).
          const command = `${process.execPath} --import tsx ${cliEntry} doctor ${rig.alias} --config ${config} --path docker-host --timeout 8`;
          const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
            execFile('script', ['-qec', command, '/dev/null'], { env, cwd: new URL('../../', import.meta.url).pathname }, (error, stdout) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout })),
          );
          assert.equal(result.code, 1, result.stdout);
          assert.ok(result.stdout.includes(`${String.fromCharCode(27)}[`), 'colour on a TTY');
          assert.match(result.stdout, fault === 'host-key-unknown' ? /\[host-key-unknown\]/ : /\[auth-publickey-denied\]/);
          assert.doesNotMatch(result.stdout, /password:|passphrase|continue connecting|\(yes\/no/i);
          assert.doesNotMatch(result.stdout, /connect-timeout|timed out|time limit/i, `${fault}: ssh was ended by the timeout, as a waiting prompt would be`);
        } finally {
          await repair();
        }
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
