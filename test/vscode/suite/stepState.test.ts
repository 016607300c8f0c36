import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { useWorkspaceSshConfig } from './support/workspaceSshConfig';
import { startRig, type Rig } from '../../fixtures/rig/index';
import { CommandIds } from '../../../src/vscode/commandIds';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

interface Snapshot {
  done: ReadonlySet<string>;
  report?: { ok: boolean; checks: { id: string; status: string; code?: string }[] };
}
interface Api {
  refreshSteps(): Promise<Snapshot>;
  latestSteps(): Snapshot | undefined;
}

/**
 * The step keys come from real checks: a real sshd, ssh-agent and dockerd on 127.0.0.1 (the rig).
 * The extension host is the process our extension runs in, so the rig's agent socket and ssh
 * wrapper are put into its environment, as a user's login session would have them.
 */
describe('step context keys against the rig (direct DOCKER_HOST path)', function () {
  this.timeout(120_000);
  let rig: Rig;
  let api: Api;
  let removeWorkspaceSshConfig: (() => void) | undefined;
  const savedEnv: Record<string, string | undefined> = {};

  before(async () => {
    api = (await vscode.extensions.getExtension(extensionId)!.activate()) as Api;
    rig = await startRig();
    for (const key of ['SSH_AUTH_SOCK', 'PATH', 'DOCKER_CONFIG']) {
      savedEnv[key] = process.env[key];
      process.env[key] = rig.env[key];
    }
    removeWorkspaceSshConfig = await useWorkspaceSshConfig(rig.configFile);
    await vscode.commands.executeCommand(CommandIds.chooseSetupPath, 'dockerHost');
    const selected = await vscode.commands.executeCommand(CommandIds.addHost, { alias: rig.alias });
    assert.deepEqual(selected, { alias: rig.alias });
  });

  after(async () => {
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
    removeWorkspaceSshConfig?.();
    await rig?.stop();
  });

  it('sets the keys of every step the rig has really done', async () => {
    const snapshot = await api.refreshSteps();
    const done = [...snapshot.done].sort();
    for (const step of ['pathChosen', 'hostConfigured', 'hostTrusted', 'keyGenerated', 'agentRunning', 'agentHasIdentity', 'keyAuthorized']) {
      assert.ok(snapshot.done.has(step), `${step} not set; done: ${done.join(', ')}; report: ${JSON.stringify(snapshot.report?.checks)}`);
    }
    // Nothing the rig cannot have: this window is not a Remote-SSH window, and no DOCKER_HOST is written.
    assert.ok(!snapshot.done.has('connected'));
    assert.ok(!snapshot.done.has('dockerExtensionOnRemote'));
    assert.ok(!snapshot.done.has('dockerHostConfigured'));
    // The round trip through ssh://alias passes here, but no setting or docker context makes the
    // Docker extension use it: "Verify docker through ssh" claims more than that (issue 12).
    assert.equal(snapshot.report?.checks.find((check) => check.id === 'docker-host-roundtrip')?.status, 'pass', JSON.stringify(snapshot.report?.checks));
    assert.ok(!snapshot.done.has('dockerHostVerified'), 'dockerHostVerified set with no DOCKER_HOST in any setting');
    // "Verify the engine" belongs to the connected Remote-SSH window; an engine answering over ssh is not that.
    assert.ok(!snapshot.done.has('engineVerified'), 'engineVerified set outside a Remote-SSH window without a recorded follow-through');
  });

  it('clears the agent identity and auth keys when the agent loses the key, and sets them again after', async () => {
    const repair = await rig.breakOne('agent-empty');
    try {
      const broken = await api.refreshSteps();
      assert.ok(!broken.done.has('agentHasIdentity'), 'agentHasIdentity still set with an empty agent');
      assert.ok(broken.done.has('agentRunning'), 'the agent still runs');
    } finally {
      await repair();
    }
    const repaired = await api.refreshSteps();
    assert.ok(repaired.done.has('agentHasIdentity'));
  });

  it('clears the host key step when known_hosts no longer has the key', async () => {
    const repair = await rig.breakOne('host-key-unknown');
    try {
      const broken = await api.refreshSteps();
      assert.ok(!broken.done.has('hostTrusted'));
      assert.equal(broken.report?.checks.find((check) => check.id === 'host-key')?.code, 'host-key-unknown');
    } finally {
      await repair();
    }
  });

  it('checkSetup runs the doctor and publishes its result as the step state', async () => {
    const report = (await vscode.commands.executeCommand(CommandIds.checkSetup, { quiet: true })) as Snapshot['report'];
    assert.ok(report, 'checkSetup returned no report');
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    assert.equal(api.latestSteps()?.report, report);
  });
});
