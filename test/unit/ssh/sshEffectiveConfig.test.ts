import assert from 'node:assert/strict';
import { userInfo } from 'node:os';
import { EffectiveSshConfig } from '../../../src/core/ssh/sshEffectiveConfig';
import { Deadline } from '../../../src/core/deadline';

// Lines as `ssh -G` prints them.
const sample = ['user ann', 'hostname 10.0.0.5', 'port 2222', 'identityfile ~/.ssh/id_ed25519', 'identityfile ~/.ssh/id_rsa', 'userknownhostsfile ~/.ssh/known_hosts ~/.ssh/known_hosts2', 'globalknownhostsfile /etc/ssh/ssh_known_hosts', 'hostkeyalias box', ''].join('\n');

describe('effective ssh config (ssh -G)', () => {
  it('reads single, repeated and listed keys', () => {
    const config = new EffectiveSshConfig(sample);
    assert.equal(config.user, 'ann');
    assert.equal(config.port, 2222);
    assert.deepEqual(config.list('identityfile'), ['~/.ssh/id_ed25519', '~/.ssh/id_rsa']);
    assert.deepEqual(config.list('userknownhostsfile'), ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']);
    assert.equal(config.proxied, false);
  });

  it('names the host in known_hosts as ssh does: HostKeyAlias as written (no port), else [name]:port off 22', () => {
    // ssh writes "Permanently added 'box'" for HostKeyAlias box on port 2222 (test/integration/trust.test.ts).
    assert.equal(new EffectiveSshConfig(sample).knownHostsName, 'box');
    assert.equal(new EffectiveSshConfig('hostname h\nport 2222\n').knownHostsName, '[h]:2222');
    assert.equal(new EffectiveSshConfig('hostname h\nport 22\n').knownHostsName, 'h');
  });

  it('expands ~ and tokens from the passwd home, as ssh does', () => {
    const config = new EffectiveSshConfig(sample);
    assert.equal(config.expandPath('~/.ssh/known_hosts'), `${userInfo().homedir}/.ssh/known_hosts`);
    assert.equal(config.expandPath('%d/keys/%h-%p-%r'), `${userInfo().homedir}/keys/10.0.0.5-2222-ann`);
  });
});

describe('deadline', () => {
  it('counts down and aborts its signal when the time is up or the caller cancels', async () => {
    const timed = new Deadline(50);
    assert.ok(timed.remainingMs() <= 50);
    assert.equal(timed.remainingSeconds(), 1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(timed.signal.aborted, true);
    assert.equal(timed.cancelledByCaller, false);
    timed.dispose();

    const caller = new AbortController();
    const cancelled = new Deadline(10_000, caller.signal);
    caller.abort();
    assert.equal(cancelled.signal.aborted, true);
    assert.equal(cancelled.cancelledByCaller, true);
    cancelled.dispose();
  });

  it('splits a known_hosts list as ssh -G prints it, unquoted, keeping paths with spaces whole', () => {
    const config = new EffectiveSshConfig('userknownhostsfile /tmp/a b/kh ~/.ssh/known_hosts C:\\Users\\Ann Lee\\kh\nidentityfile /tmp/x y/id\n');
    assert.deepEqual(config.list('userknownhostsfile'), ['/tmp/a b/kh', '~/.ssh/known_hosts', 'C:\\Users\\Ann Lee\\kh']);
    assert.deepEqual(config.list('identityfile'), ['/tmp/x y/id']);
    assert.deepEqual(new EffectiveSshConfig('userknownhostsfile none\n').list('userknownhostsfile'), []);
  });
});
