import { strict as assert } from 'node:assert';
import { CommandIds } from '../../../src/vscode/commandIds';
import { FixCommandByCode, NoFixButton, ReportCommands } from '../../../src/vscode/ui/fixCommands';
import { failureCodes } from '../../../src/core/doctor/failureCodes';
import { stepsPassedBy } from '../../../src/vscode/walkthrough/stepKeys';

describe('step keys from doctor checks', () => {
  it('sets a step only for a passing check', () => {
    const done = stepsPassedBy([
      { id: 'agent', status: 'pass' },
      { id: 'identity', status: 'fail' },
      { id: 'host-key', status: 'pass' },
      { id: 'auth', status: 'skip' },
      { id: 'docker-host-roundtrip', status: 'pass' },
    ]);
    assert.deepEqual([...done].sort(), ['agentRunning', 'dockerHostVerified', 'hostTrusted']);
  });

  it('completes the step of a check that passed with a warning', () => {
    assert.deepEqual([...stepsPassedBy([{ id: 'docker-host-roundtrip', status: 'warn' }])], ['dockerHostVerified']);
  });

  it('checks no step from the remote engine answering over ssh (that step belongs to the connected window)', () => {
    assert.deepEqual([...stepsPassedBy([{ id: 'remote-docker-engine', status: 'pass' }])], []);
  });

  it('counts a key held by the agent as a generated key', () => {
    assert.deepEqual([...stepsPassedBy([{ id: 'identity', status: 'pass' }])].sort(), ['agentHasIdentity', 'keyGenerated']);
  });
});

describe('fix commands for doctor failures', () => {
  it('never offers a button for a changed host key', () => {
    assert.equal(FixCommandByCode['host-key-changed'], undefined);
    assert.equal(FixCommandByCode['host-key-revoked'], undefined);
  });

  it('sends an unknown host key to trustHost and a refused key to copyKeyToHost', () => {
    assert.equal(FixCommandByCode['host-key-unknown'], CommandIds.trustHost);
    assert.equal(FixCommandByCode['auth-publickey-denied'], CommandIds.copyKeyToHost);
    assert.equal(FixCommandByCode['agent-no-identities'], CommandIds.addKeyToAgent);
  });

  it('gives every failure code a button or a stated reason for none, never both', () => {
    for (const code of failureCodes) {
      const command = FixCommandByCode[code];
      const reason = NoFixButton[code];
      assert.ok((command === undefined) !== (reason === undefined), `${code}: a fix command (${command}) or a reason for no button (${reason}), exactly one`);
      if (command !== undefined) assert.ok((Object.values(CommandIds) as string[]).includes(command), `${code}: ${command} is in the command-id table`);
      if (reason !== undefined) assert.ok(reason.length > 10, `${code}: the reason says why`);
    }
    assert.deepEqual(Object.keys(FixCommandByCode).filter((code) => !(failureCodes as readonly string[]).includes(code)), [], 'no button for a code that does not exist');
    assert.deepEqual(Object.keys(NoFixButton).filter((code) => !(failureCodes as readonly string[]).includes(code)), [], 'no reason for a code that does not exist');
  });

  it('closes the shared connection for the codes a stale or dead master causes', () => {
    assert.equal(FixCommandByCode['docker-group-not-effective'], CommandIds.closeSharedConnection);
    assert.equal(FixCommandByCode['ssh-master-stale'], CommandIds.closeSharedConnection);
  });

  it('allows the report to run exactly its fix commands plus re-check and log', () => {
    for (const command of Object.values(FixCommandByCode)) {
      assert.ok(ReportCommands.includes(command));
    }
    assert.ok(ReportCommands.includes(CommandIds.checkSetup));
    assert.ok(!ReportCommands.includes(CommandIds.generateKey as never));
  });
});
