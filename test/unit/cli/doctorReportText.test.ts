import assert from 'node:assert/strict';
import { formatDoctorReport } from '../../../src/cli/doctorReportText';
import type { DoctorReport } from '../../../src/core/doctor/doctor';

const esc = String.fromCharCode(27);

const report: DoctorReport = {
  target: 'box',
  path: 'docker-host',
  ok: false,
  totalMs: 240,
  checks: [
    { id: 'ssh-client', status: 'pass', message: 'OpenSSH_9.2p1', durationMs: 5 },
    { id: 'auth', status: 'fail', code: 'auth-publickey-denied', message: 'The host refused every key offered', fix: 'ssh-copy-id -i ~/.ssh/id_ed25519.pub box', durationMs: 200 },
    { id: 'remote-docker-cli', status: 'skip', message: 'Skipped: needs an SSH login.', durationMs: 0 },
  ],
};

describe('doctor report text', () => {
  it('shows every check with its mark, code, fix and time', () => {
    const text = formatDoctorReport(report, false);
    assert.match(text, /✓ ssh-client +OpenSSH_9\.2p1 \(5 ms\)/);
    assert.match(text, /✗ auth +The host refused every key offered \[auth-publickey-denied\] \(200 ms\)/);
    assert.match(text, /fix: ssh-copy-id -i ~\/\.ssh\/id_ed25519\.pub box/);
    assert.match(text, /- remote-docker-cli +Skipped: needs an SSH login\./);
    assert.match(text, /1 check\(s\) failed \(240 ms\)\./);
  });

  it('prints the command that shows a remote failure, with the host\'s control characters neutralised', () => {
    const remote: DoctorReport = {
      ...report,
      checks: [{ id: 'remote-docker-cli', status: 'fail', code: 'docker-login-path-only', message: 'docker is at /snap/bin/docker', fix: 'ln -s /snap/bin/docker ~/bin/docker', seeCommand: `ssh -T box 'command -v docker' ${esc}[2J`, durationMs: 210 }],
    };
    const text = formatDoctorReport(remote, false);
    assert.match(text, /\n +see: ssh -T box 'command -v docker' /);
    assert.ok(!text.includes(esc), 'no raw escape from the host reaches the terminal');
  });

  it('marks a warning with its code, fix and command, and still sums up as passed', () => {
    const warned: DoctorReport = {
      ...report,
      ok: true,
      checks: [
        report.checks[0],
        { id: 'remote-docker-engine', status: 'warn', code: 'docker-data-root-full', message: 'its data root /var/lib/docker has only 1014 MiB free', fix: 'docker system prune', seeCommand: "ssh -T box 'docker system df'", durationMs: 210 },
      ],
    };
    const text = formatDoctorReport(warned, false);
    assert.match(text, /! remote-docker-engine +its data root \/var\/lib\/docker has only 1014 MiB free \[docker-data-root-full\] \(210 ms\)/);
    assert.match(text, /fix: docker system prune\n.*see: ssh -T box 'docker system df'/);
    assert.match(text, /All 2 checks passed in 240 ms, 1 with a warning\.\n$/);
    assert.ok(formatDoctorReport(warned, true).includes(`${esc}[33m[docker-data-root-full]`), 'a warning\'s code is yellow, not red');
  });

  it('uses colour only when asked', () => {
    assert.ok(!formatDoctorReport(report, false).includes(esc));
    assert.ok(formatDoctorReport(report, true).includes(`${esc}[31m`));
  });
});
