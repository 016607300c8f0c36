import assert from 'node:assert/strict';
import { runConnectChecks } from '../../src/core/remote/connectChecks';
import { nextConnectStep, type ConnectFix, type ConnectStep } from '../../src/core/remote/connectPlan';
import { startRig, type Rig, type RigFault } from '../fixtures/rig/index';

// The checks behind connectAndInstall, against a real sshd/agent, and the step the plan takes
// for each thing the rig can break.
describe('connect checks and plan against the rig', function () {
  this.timeout(120_000);
  let rig: Rig;

  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.stop();
  });

  async function stepFor(): Promise<{ step: ConnectStep; ids: string[] }> {
    const checks = await runConnectChecks({ target: rig.alias, configFile: rig.configFile, env: rig.env, timeoutMs: 20_000 });
    return { step: nextConnectStep(checks, new Set<ConnectFix>()), ids: checks.map((c) => c.id) };
  }

  async function withFault(fault: RigFault, body: () => Promise<void>): Promise<void> {
    const repair = await rig.breakOne(fault);
    try {
      await body();
    } finally {
      await repair();
    }
  }

  it('is ready on a healthy host, after one doctor run without the agent checks', async () => {
    const { step, ids } = await stepFor();
    assert.deepEqual(step, { kind: 'ready' });
    assert.deepEqual(ids, ['ssh-client', 'host-key', 'auth']);
  });

  it('offers to trust an unknown host key', async () => {
    await withFault('host-key-unknown', async () => {
      const { step } = await stepFor();
      assert.equal(step.kind, 'fix');
      assert.equal(step.kind === 'fix' && step.fix, 'trust-host-key');
    });
  });

  it('stops on a changed host key', async () => {
    await withFault('host-key-changed', async () => {
      const { step } = await stepFor();
      assert.equal(step.kind, 'stop');
      assert.equal(step.kind === 'stop' && step.check?.code, 'host-key-changed');
    });
  });

  it('stops with connection-refused when sshd is down', async () => {
    await withFault('sshd-stopped', async () => {
      const { step } = await stepFor();
      assert.equal(step.kind, 'stop');
      assert.equal(step.kind === 'stop' && step.check?.code, 'connection-refused');
    });
  });

  it('asks the agent after a denied key, and offers to authorize the key when the agent holds one', async () => {
    await withFault('authorized-key-removed', async () => {
      const { step, ids } = await stepFor();
      assert.deepEqual(ids, ['ssh-client', 'host-key', 'auth', 'agent', 'identity']);
      assert.equal(step.kind, 'fix');
      assert.equal(step.kind === 'fix' && step.fix, 'authorize-key');
    });
  });
});
