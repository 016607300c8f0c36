import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { useUserSshConfig } from './support/userSshConfig';
import { startRig, type Rig } from '../../fixtures/rig/index';
import { acceptedLogins as countAccepted } from '../../fixtures/rig/sshdLog';
import { CommandIds } from '../../../src/vscode/commandIds';
import { renderReportHtml } from '../../../src/vscode/ui/doctorReportView';
import type { DoctorReport } from '../../../src/core/doctor/doctor';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

interface Snapshot {
  done: ReadonlySet<string>;
  report?: { ok: boolean; checks: { id: string; status: string; code?: string }[] };
}
interface Api {
  refreshSteps(options?: { local?: boolean }): Promise<Snapshot>;
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
  let removeUserSshConfig: (() => Promise<void>) | undefined;
  const savedEnv: Record<string, string | undefined> = {};

  before(async () => {
    api = (await vscode.extensions.getExtension(extensionId)!.activate()) as Api;
    rig = await startRig();
    for (const key of ['SSH_AUTH_SOCK', 'PATH', 'DOCKER_CONFIG']) {
      savedEnv[key] = process.env[key];
      process.env[key] = rig.env[key];
    }
    removeUserSshConfig = await useUserSshConfig(rig.configFile);
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
    await removeUserSshConfig?.();
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

  // Issue 14 item 2: focus and settings changes run this local round; it must not log in, nor drop
  // the steps that only the remote checks prove.
  it('a local round logs in to nothing and keeps what the last remote checks proved', async () => {
    const acceptedLogins = () => countAccepted(rig);
    const full = await api.refreshSteps();
    assert.ok(full.done.has('keyAuthorized') && full.done.has('hostTrusted'), JSON.stringify(full.report?.checks));
    const before = acceptedLogins();
    const local = await api.refreshSteps({ local: true });
    assert.equal(acceptedLogins(), before, 'the local round logged in');
    for (const step of ['keyAuthorized', 'hostTrusted', 'agentHasIdentity']) assert.ok(local.done.has(step), `${step} dropped by a local round; done: ${[...local.done].join(', ')}`);
    assert.equal(local.report?.checks.find((check) => check.id === 'auth')?.status, 'pass', 'the last auth result is kept');
  });

  it('clears the agent identity step when the agent loses the key (auth still passes with the key file), and sets it again after', async () => {
    const repair = await rig.breakOne('agent-empty');
    try {
      const broken = await api.refreshSteps();
      assert.ok(!broken.done.has('agentHasIdentity'), 'agentHasIdentity still set with an empty agent');
      assert.ok(broken.done.has('agentRunning'), 'the agent still runs');
      assert.equal(checkOf(broken, 'identity')?.code, 'agent-no-identities', JSON.stringify(broken.report?.checks));
      // The key is still authorized and ssh still logs in with it: the rig's config names its IdentityFile
      // (unencrypted), which ssh reads when the agent has nothing. keyAuthorized follows ssh, not the agent.
      assert.equal(checkOf(broken, 'auth')?.status, 'pass', JSON.stringify(broken.report?.checks));
      assert.ok(broken.done.has('keyAuthorized'), 'keyAuthorized cleared although ssh still logs in with the key file');
    } finally {
      await repair();
    }
    const repaired = await api.refreshSteps();
    assert.ok(repaired.done.has('agentHasIdentity'));
    assert.ok(repaired.done.has('keyAuthorized'));
  });

  it('clears keyAuthorized when the host no longer has the key in authorized_keys, and sets it again after', async () => {
    // On the direct path without a Docker extension (this suite) keyAuthorized is the step a refused key
    // must clear: engineVerified belongs to the connected Remote-SSH window, and dockerHostVerified needs a
    // written DOCKER_HOST (both asserted absent above; the e2e direct-path suite clears dockerHostVerified).
    await expectStepsLeaveDone('authorized-key-removed', ['keyAuthorized'], { auth: 'auth-publickey-denied' });
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
    // From a broken engine, so that the published state can only come from this run's checks.
    const repair = await rig.breakOne('dockerd-stopped');
    try {
      const report = (await vscode.commands.executeCommand(CommandIds.checkSetup, { quiet: true })) as Snapshot['report'];
      assert.ok(report, 'checkSetup returned no report');
      assert.equal(report.ok, false);
      assert.equal(report.checks.find((check) => check.id === 'remote-docker-engine')?.code, 'docker-daemon-down');
      const published = api.latestSteps();
      assert.equal(checkOf(published, 'remote-docker-engine')?.code, 'docker-daemon-down', 'the published report is not this run\'s');
      assert.ok(published?.done.has('keyAuthorized'), 'the steps this run passed are published too');
    } finally {
      await repair();
    }
    const report = (await vscode.commands.executeCommand(CommandIds.checkSetup, { quiet: true })) as Snapshot['report'];
    assert.equal(report?.ok, true, JSON.stringify(report?.checks));
    const published = api.latestSteps();
    assert.equal(checkOf(published, 'remote-docker-engine')?.status, 'pass');
    assert.ok(published?.done.has('keyAuthorized') && published.done.has('hostTrusted'), [...(published?.done ?? [])].join(', '));
  });

  it('checkSetup names a remote host state (docker only on the login PATH) with the command to see it, in the published state and the report view', async () => {
    const repair = await rig.breakOne('docker-login-path-only');
    try {
      const report = (await vscode.commands.executeCommand(CommandIds.checkSetup, { quiet: true })) as DoctorReport;
      const cli = report.checks.find((check) => check.id === 'remote-docker-cli');
      assert.equal(cli?.code, 'docker-login-path-only', JSON.stringify(report.checks));
      assert.match(cli.seeCommand ?? '', /^ssh .*-T .*'command -v docker/);
      assert.equal(checkOf(api.latestSteps(), 'remote-docker-cli')?.code, 'docker-login-path-only');
      assert.ok(!api.latestSteps()!.done.has('dockerHostVerified'));
      const html = renderReportHtml(report, 'vscode-resource:');
      assert.ok(html.includes('docker-login-path-only'));
      // The see-it command, HTML-escaped (its quotes), next to the fix.
      assert.ok(html.includes(`<code>${cli.seeCommand!.replace(/'/g, '&#39;').replace(/"/g, '&#34;')}</code>`), html);
    } finally {
      await repair();
    }
  });

  // One `ssh -G` answers both the doctor and the "make docker fast" step (was one each).
  it('a round asks ssh -G once for the host: the doctor\'s checks and the connection-reuse step share it', async () => {
    const logDir = mkdtempSync(join(process.env.RDS_VSCODE_TEST_RUN_DIR!, 'ssh-argv-'));
    const argvLog = join(logDir, 'argv.log');
    // A logging ssh in front of the rig's own wrapper: every ssh the extension starts leaves its argv.
    const rigSsh = join(rig.env.PATH!.split(':')[0], 'ssh');
    writeFileSync(join(logDir, 'ssh'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${argvLog}'\nexec '${rigSsh}' "$@"\n`, { mode: 0o755 });
    const ourEffectiveConfigRuns = () => {
      const lines = readFileSync(argvLog, 'utf8').split('\n');
      // Ours pass the chosen config with -F; the round trip's view of docker's own ssh (no -F) is another question.
      return lines.filter((line) => / -G -- /.test(` ${line}`) && line.includes(`-F ${rig.configFile} `) && line.endsWith(` ${rig.alias}`));
    };
    const savedConfig = readFileSync(rig.configFile, 'utf8');
    process.env.PATH = `${logDir}:${rig.env.PATH}`;
    try {
      // Rounds run one after another: once this one is done, no earlier round can still write to the log.
      await api.refreshSteps({ local: true });
      writeFileSync(argvLog, '');
      const full = await api.refreshSteps();
      assert.equal(checkOf(full, 'docker-host-roundtrip')?.status, 'pass', JSON.stringify(full.report?.checks));
      assert.ok(!full.done.has('dockerFast'), 'no connection reuse in the rig\'s config yet');
      assert.equal(ourEffectiveConfigRuns().length, 1, readFileSync(argvLog, 'utf8'));

      // Reuse written by the user (not by us): the local round sees it through the same single ssh -G.
      writeFileSync(rig.configFile, savedConfig.replace(`Host ${rig.alias}\n`, `Host ${rig.alias}\n  ControlMaster auto\n  ControlPath ${join(logDir, 'cm-%C')}\n  ControlPersist 60\n`));
      writeFileSync(argvLog, '');
      const local = await api.refreshSteps({ local: true });
      assert.ok(local.done.has('dockerFast'), `dockerFast not set; done: ${[...local.done].join(', ')}`);
      assert.equal(checkOf(local, 'identity')?.status, 'pass', JSON.stringify(local.report?.checks));
      assert.equal(checkOf(local, 'ssh-master')?.status, 'pass', JSON.stringify(local.report?.checks));
      assert.equal(ourEffectiveConfigRuns().length, 1, readFileSync(argvLog, 'utf8'));
    } finally {
      process.env.PATH = rig.env.PATH;
      writeFileSync(rig.configFile, savedConfig);
    }
  });

  it('a warning (a nearly full data root on the host) takes no step away, and the report view shows it with its fix and the command to see it', async () => {
    const healthy = (await api.refreshSteps()).done;
    const repair = await rig.breakOne('docker-data-root-full');
    try {
      const report = (await vscode.commands.executeCommand(CommandIds.checkSetup, { quiet: true })) as DoctorReport;
      const engine = report.checks.find((check) => check.id === 'remote-docker-engine');
      assert.equal(engine?.status, 'warn', JSON.stringify(report.checks));
      assert.equal(engine.code, 'docker-data-root-full');
      assert.equal(report.ok, true);
      const published = api.latestSteps();
      assert.equal(checkOf(published, 'remote-docker-engine')?.status, 'warn');
      assert.deepEqual([...published!.done].sort(), [...healthy].sort(), 'the steps done with the warning are those of a healthy host');
      const html = renderReportHtml(report, 'vscode-resource:');
      assert.match(html, /<tr class="warn"><td class="status">warning<\/td><td><code>remote-docker-engine<\/code>/);
      assert.ok(html.includes('<code class="code">[docker-data-root-full]</code>'), html);
      assert.ok(html.includes(`<div class="fix">${engine.fix!.replace(/&/g, '&#38;').replace(/"/g, '&#34;').replace(/'/g, '&#39;').replace(/</g, '&#60;').replace(/>/g, '&#62;')}</div>`), html);
      assert.ok(html.includes(`<code>${engine.seeCommand!.replace(/'/g, '&#39;').replace(/"/g, '&#34;')}</code>`), html);
      assert.ok(html.includes('Everything works, with a warning below'), html);
    } finally {
      await repair();
    }
  });

  function checkOf(snapshot: Snapshot | undefined, id: string) {
    return snapshot?.report?.checks.find((check) => check.id === id);
  }

  /** Breaks the rig, asserts the steps are no longer done (and the checks' codes), repairs, asserts them done again. */
  async function expectStepsLeaveDone(fault: Parameters<Rig['breakOne']>[0], steps: string[], codes: Record<string, string>): Promise<void> {
    const healthy = await api.refreshSteps();
    for (const step of steps) assert.ok(healthy.done.has(step), `${step} not done before the break`);
    const repair = await rig.breakOne(fault);
    try {
      const broken = await api.refreshSteps();
      for (const [check, code] of Object.entries(codes)) {
        assert.equal(checkOf(broken, check)?.code, code, `${check}: ${JSON.stringify(broken.report?.checks)}`);
      }
      const stillDone = steps.filter((step) => broken.done.has(step));
      assert.deepEqual(stillDone, [], `${fault}: still done: ${stillDone.join(', ')}`);
    } finally {
      await repair();
    }
    const repaired = await api.refreshSteps();
    const notBack = steps.filter((step) => !repaired.done.has(step));
    assert.deepEqual(notBack, [], `after repairing ${fault}, not done again: ${notBack.join(', ')}`);
  }
});
