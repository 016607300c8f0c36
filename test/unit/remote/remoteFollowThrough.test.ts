import { strict as assert } from 'node:assert';
import { createIntent, intentState, IntentLifetimeMs, parseIntent } from '../../../src/core/remote/connectIntent';
import { nextFollowThroughStep, type FollowThroughFacts } from '../../../src/core/remote/remoteFollowThrough';

const now = 1_800_000_000_000;
const intent = createIntent('box', 'ms-azuretools.vscode-containers', now - 60_000);
const base: FollowThroughFacts = {
  remoteName: 'ssh-remote',
  intent,
  now,
  dockerExtension: 'installed',
  installAttempted: false,
  engine: undefined,
  groupFix: 'not-offered',
};

describe('connect intent', () => {
  it('is live for ten minutes, then expired', () => {
    const made = createIntent('box', 'x.y', now);
    assert.equal(intentState(made, now), 'live');
    assert.equal(intentState(made, now + IntentLifetimeMs - 1), 'live');
    assert.equal(intentState(made, now + IntentLifetimeMs), 'expired');
    assert.equal(intentState(undefined, now), 'none');
  });

  it('treats an intent from the future (clock moved back) as expired', () => {
    assert.equal(intentState(createIntent('box', 'x.y', now + 5_000), now), 'expired');
  });

  it('parses what it stored and rejects malformed state', () => {
    assert.deepEqual(parseIntent(JSON.parse(JSON.stringify(intent))), intent);
    assert.equal(parseIntent(undefined), undefined);
    assert.equal(parseIntent('box'), undefined);
    assert.equal(parseIntent({ alias: '', dockerExtensionId: 'x', createdAt: 1 }), undefined);
    assert.equal(parseIntent({ alias: 'box', dockerExtensionId: 'x', createdAt: 'yesterday' }), undefined);
    assert.equal(parseIntent({ alias: 'box', dockerExtensionId: 'x', createdAt: 1 })?.serverRestarts, 0);
  });
});

describe('nextFollowThroughStep', () => {
  it('does nothing in a local window or without an intent', () => {
    assert.deepEqual(nextFollowThroughStep({ ...base, remoteName: undefined }), { kind: 'nothing' });
    assert.deepEqual(nextFollowThroughStep({ ...base, remoteName: 'wsl' }), { kind: 'nothing' });
    assert.deepEqual(nextFollowThroughStep({ ...base, intent: undefined }), { kind: 'nothing' });
  });

  it('discards an expired intent', () => {
    assert.deepEqual(nextFollowThroughStep({ ...base, now: intent.createdAt + IntentLifetimeMs + 1 }), { kind: 'discard-expired' });
  });

  it('installs the Docker extension when it is missing, or when it cannot be seen from here', () => {
    assert.deepEqual(nextFollowThroughStep({ ...base, dockerExtension: 'missing' }), { kind: 'install-extension', extensionId: 'ms-azuretools.vscode-containers' });
    assert.deepEqual(nextFollowThroughStep({ ...base, dockerExtension: 'unknown' }), { kind: 'install-extension', extensionId: 'ms-azuretools.vscode-containers' });
  });

  it('gives up when the install did not put the extension there', () => {
    assert.deepEqual(nextFollowThroughStep({ ...base, dockerExtension: 'missing', installAttempted: true }), { kind: 'give-up', code: 'docker-extension-not-installed' });
  });

  it('checks the engine once the extension is there, then finishes', () => {
    assert.deepEqual(nextFollowThroughStep(base), { kind: 'check-engine' });
    assert.deepEqual(nextFollowThroughStep({ ...base, dockerExtension: 'unknown', installAttempted: true }), { kind: 'check-engine' });
    assert.deepEqual(nextFollowThroughStep({ ...base, engine: { status: 'pass' } }), { kind: 'done', extensionId: 'ms-azuretools.vscode-containers' });
  });

  it('offers the docker group on a socket permission error, then restarts the server', () => {
    const denied = { status: 'fail' as const, code: 'docker-socket-permission', message: 'permission denied' };
    assert.deepEqual(nextFollowThroughStep({ ...base, engine: denied }), { kind: 'offer-docker-group' });
    assert.deepEqual(nextFollowThroughStep({ ...base, engine: denied, groupFix: 'accepted' }), { kind: 'restart-server' });
    assert.deepEqual(nextFollowThroughStep({ ...base, engine: denied, groupFix: 'declined' }), { kind: 'give-up', code: 'docker-socket-permission', message: 'permission denied' });
  });

  it('does not restart the server twice for one intent', () => {
    const denied = { status: 'fail' as const, code: 'docker-socket-permission', message: 'still denied' };
    const restarted = { ...intent, serverRestarts: 1 };
    assert.deepEqual(nextFollowThroughStep({ ...base, intent: restarted, engine: denied }), { kind: 'give-up', code: 'docker-socket-permission', message: 'still denied' });
  });

  it('after the one restart, a server that still lacks the group while the account has it is named, not restarted again', () => {
    const denied = { status: 'fail' as const, code: 'docker-socket-permission', message: 'still denied' };
    const restarted = { ...intent, serverRestarts: 1 };
    assert.deepEqual(nextFollowThroughStep({ ...base, intent: restarted, engine: denied, dockerGroup: { account: true, session: false, serverPid: 4242 } }), { kind: 'give-up-stale-server', serverPid: 4242 });
    // The account is not in the group (usermod undone, or another group grants the socket): no process to blame.
    assert.deepEqual(nextFollowThroughStep({ ...base, intent: restarted, engine: denied, dockerGroup: { account: false, session: false, serverPid: 4242 } }), { kind: 'give-up', code: 'docker-socket-permission', message: 'still denied' });
  });

  it('restarts without offering usermod when the account is in the group already and only the server lacks it', () => {
    const denied = { status: 'fail' as const, code: 'docker-socket-permission', message: 'denied' };
    assert.deepEqual(nextFollowThroughStep({ ...base, engine: denied, dockerGroup: { account: true, session: false, serverPid: 7 } }), { kind: 'restart-server' });
    // The session has the group and the socket still refuses: the group is not the cause, usermod would not help.
    assert.deepEqual(nextFollowThroughStep({ ...base, engine: denied, dockerGroup: { account: true, session: true, serverPid: 7 } }), { kind: 'give-up', code: 'docker-socket-permission', message: 'denied' });
  });

  it('gives up with the engine code on anything else', () => {
    assert.deepEqual(nextFollowThroughStep({ ...base, engine: { status: 'fail', code: 'docker-daemon-down', message: 'down' } }), { kind: 'give-up', code: 'docker-daemon-down', message: 'down' });
  });
});
