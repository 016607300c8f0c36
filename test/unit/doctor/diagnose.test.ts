import assert from 'node:assert/strict';
import { diagnoseSsh, diagnoseSshAdd, diagnoseDocker, firstErrorLine, loggedInPerSsh } from '../../../src/core/doctor/diagnose';

// Texts as ssh, ssh-add and docker print them (DESIGN.md, and seen on the loopback rig).
describe('diagnose', () => {
  const ssh = (stderr: string, extra: { exitCode?: number; timedOut?: boolean; spawnError?: string } = {}) => diagnoseSsh({ exitCode: 255, stderr, ...extra });

  it('maps ssh connection failures', () => {
    assert.equal(ssh('ssh: connect to host 127.0.0.1 port 2222: Connection refused\r\n'), 'connection-refused');
    assert.equal(ssh('ssh: Could not resolve hostname nohost.invalid: Name or service not known\r\n'), 'dns-unknown-host');
    assert.equal(ssh('ssh: Could not resolve hostname x.invalid: Temporary failure in name resolution\r\n'), 'dns-unknown-host');
    assert.equal(ssh('Connection timed out during banner exchange\r\nConnection to 127.0.0.1 port 40000 timed out\r\n'), 'connect-timeout');
    assert.equal(ssh('ssh: connect to host 10.0.0.1 port 22: Connection timed out\r\n'), 'connect-timeout');
    assert.equal(ssh('', { exitCode: undefined, timedOut: true }), 'connect-timeout');
    assert.equal(ssh('kex_exchange_identification: read: Connection reset by peer\r\n'), 'connection-refused');
  });

  it('maps host key and authentication failures', () => {
    assert.equal(ssh('No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\r\nHost key verification failed.\r\n'), 'host-key-unknown');
    const changed = '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\nIT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\r\nHost key for [127.0.0.1]:2222 has changed and you have requested strict checking.\r\nHost key verification failed.\r\n';
    assert.equal(ssh(changed), 'host-key-changed');
    // sshconnect.c: a key on a @revoked line; it also ends in "Host key verification failed".
    const revoked = '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\n@       WARNING: REVOKED HOST KEY DETECTED!               @\r\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\nThe ED25519 host key for [127.0.0.1]:2222 is marked as revoked.\r\nThis could mean that a stolen key is being used to\r\nimpersonate this host.\r\nHost key verification failed.\r\n';
    assert.equal(ssh(revoked), 'host-key-revoked');
    assert.equal(ssh('rds@127.0.0.1: Permission denied (publickey).\r\n'), 'auth-publickey-denied');
    // sshd's MaxAuthTries: ssh offered too many (agent) keys; its own code, since the key may well be authorized.
    assert.equal(ssh('Received disconnect from 127.0.0.1 port 22:2: Too many authentication failures\r\nDisconnected from 127.0.0.1 port 22\r\n'), 'auth-too-many-keys');
  });

  it('maps a missing ssh binary and leaves a clean exit alone', () => {
    assert.equal(diagnoseSsh({ exitCode: undefined, stderr: '', spawnError: 'spawn ssh ENOENT' }), 'ssh-missing');
    assert.equal(diagnoseSsh({ exitCode: 0, stderr: '' }), undefined);
  });

  it('maps ssh-add -l', () => {
    assert.equal(diagnoseSshAdd({ exitCode: 1, stdout: 'The agent has no identities.\n', stderr: '' }), 'agent-no-identities');
    assert.equal(diagnoseSshAdd({ exitCode: 2, stderr: 'Could not open a connection to your authentication agent.\n' }), 'agent-not-running');
    assert.equal(diagnoseSshAdd({ exitCode: 2, stderr: 'Error connecting to agent: No such file or directory\n' }), 'agent-not-running');
    assert.equal(diagnoseSshAdd({ exitCode: 0, stdout: '256 SHA256:abc k (ED25519)\n', stderr: '' }), undefined);
  });

  it('maps docker engine failures', () => {
    const denied =
      'permission denied while trying to connect to the Docker daemon socket at unix:///tmp/d.sock: Get "http://%2Ftmp%2Fd.sock/v1.50/version": dial unix /tmp/d.sock: connect: permission denied';
    assert.equal(diagnoseDocker({ exitCode: 1, stderr: denied }), 'docker-socket-permission');
    assert.equal(diagnoseDocker({ exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///tmp/d.sock. Is the docker daemon running?' }), 'docker-daemon-down');
    assert.equal(diagnoseDocker({ exitCode: 127, stderr: 'sh: 1: docker: not found' }), 'remote-docker-missing');
    assert.equal(diagnoseDocker({ exitCode: 127, stderr: 'bash: line 1: docker: command not found' }), 'remote-docker-missing');
  });

  it('picks the line that says what went wrong', () => {
    assert.equal(firstErrorLine('Warning: Permanently added x\r\nrds@h: Permission denied (publickey).\r\n'), 'rds@h: Permission denied (publickey).');
    assert.equal(firstErrorLine(''), '');
    // The probe runs at LogLevel VERBOSE: its lines on a healthy session are never the reason.
    assert.equal(firstErrorLine('Authenticated to h ([127.0.0.1]:22) using "publickey".\r\nsh: 1: oops\r\nTransferred: sent 1, received 2 bytes, in 0.0 seconds\r\nBytes per second: sent 1.0, received 2.0\r\n'), 'sh: 1: oops');
  });

  it('tells from ssh\'s VERBOSE output whether the login succeeded', () => {
    assert.equal(loggedInPerSsh('Authenticated to 127.0.0.1 ([127.0.0.1]:41361) using "publickey".\r\nKilled by signal 15.\r\n'), true);
    assert.equal(loggedInPerSsh('Killed by signal 15.\r\n'), false);
    assert.equal(loggedInPerSsh('rds@h: Permission denied (publickey).\r\n'), false);
  });
});
