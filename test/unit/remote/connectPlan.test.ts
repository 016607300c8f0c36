import { strict as assert } from 'node:assert';
import { nextConnectStep, type CheckOutcome, type ConnectFix } from '../../../src/core/remote/connectPlan';

function checks(overrides: Partial<Record<string, Partial<CheckOutcome>>>): CheckOutcome[] {
  return ['ssh-client', 'agent', 'identity', 'host-key', 'auth'].map((id) => ({ id, status: 'pass', message: `${id} ok`, ...overrides[id] }) as CheckOutcome);
}
const none = new Set<ConnectFix>();

describe('nextConnectStep', () => {
  it('is ready when auth passes, even with an empty agent', () => {
    assert.deepEqual(nextConnectStep(checks({ agent: { status: 'fail', code: 'agent-no-identities' } }), none), { kind: 'ready' });
  });

  it('offers to trust an unknown host key, once', () => {
    const result = checks({ 'host-key': { status: 'fail', code: 'host-key-unknown' }, auth: { status: 'skip' } });
    assert.equal(nextConnectStep(result, none).kind, 'fix');
    assert.equal((nextConnectStep(result, none) as { fix: string }).fix, 'trust-host-key');
    assert.equal(nextConnectStep(result, new Set<ConnectFix>(['trust-host-key'])).kind, 'stop');
  });

  it('stops on a changed host key', () => {
    const step = nextConnectStep(checks({ 'host-key': { status: 'fail', code: 'host-key-changed' } }), none);
    assert.equal(step.kind, 'stop');
    assert.equal(step.kind === 'stop' && step.check?.code, 'host-key-changed');
  });

  it('stops when ssh itself is missing', () => {
    assert.equal(nextConnectStep(checks({ 'ssh-client': { status: 'fail', code: 'ssh-missing' } }), none).kind, 'stop');
  });

  it('on a denied key: starts the agent, loads the key, or authorizes it', () => {
    const denied = { status: 'fail' as const, code: 'auth-publickey-denied' };
    const fixOf = (c: CheckOutcome[]) => {
      const step = nextConnectStep(c, none);
      return step.kind === 'fix' ? step.fix : step.kind;
    };
    assert.equal(fixOf(checks({ auth: denied, agent: { status: 'fail', code: 'agent-not-running' } })), 'start-agent');
    assert.equal(fixOf(checks({ auth: denied, agent: { status: 'fail', code: 'agent-no-identities' } })), 'load-key');
    assert.equal(fixOf(checks({ auth: denied, identity: { status: 'fail', code: 'agent-no-identities' } })), 'load-key');
    assert.equal(fixOf(checks({ auth: denied })), 'authorize-key');
  });

  it('stops with the auth check on network failures', () => {
    for (const code of ['connection-refused', 'dns-unknown-host', 'connect-timeout']) {
      const step = nextConnectStep(checks({ auth: { status: 'fail', code } }), none);
      assert.equal(step.kind, 'stop');
      assert.equal(step.kind === 'stop' && step.check?.code, code);
    }
  });
});
