import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createUser, deleteUser, uniqueUserName } from '../fixtures/rig/linuxUser';
import { answerTerminalPrompt, terminalDomSettings, waitForTerminalText } from './terminal';
import { Workbench } from './workbench';

// generateKey, startAgent and addKeyToAgent as a user runs them: the palette, the prompts of ssh-keygen and
// ssh-add answered by typing into the integrated terminal through Chromium. code-server runs as a fresh Linux
// user of its own (ssh-keygen and the key picker read ~/.ssh from the passwd entry), with an ssh-agent of
// that user; the results are checked on disk and in that agent.
describe('key commands in the real workbench, prompts typed into the terminal (code-server as its own user)', function () {
  this.timeout(240_000);
  const passphrase = 'correct horse battery staple';
  let user: string | undefined;
  let home: string;
  let agent: ChildProcess | undefined;
  let agentSocket: string;
  let workbench: Workbench | undefined;
  const keyFile = () => path.join(home, '.ssh', 'id_ed25519');
  const asRootWithAgent = (args: string[]) => spawnSync('ssh-add', args, { env: { ...process.env, SSH_AUTH_SOCK: agentSocket }, encoding: 'utf8' });

  before(async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'rds-keyuser-'));
    chmodSync(parent, 0o755);
    home = path.join(parent, 'home');
    user = uniqueUserName();
    const uid = createUser(user, home, { useradd: '/usr/sbin/useradd' });
    const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
    mkdirSync(home, { mode: 0o700 });
    chownSync(home, uid, gid);
    agentSocket = path.join(home, 'agent.sock');
    // The user's own agent (ssh-agent serves its own uid, and root), in the foreground so we hold its pid.
    agent = spawn('setpriv', ['--reuid', String(uid), '--regid', String(gid), '--init-groups', '--', 'ssh-agent', '-D', '-a', agentSocket], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!existsSync(agentSocket)) {
      assert.ok(Date.now() < deadline, 'ssh-agent did not create its socket');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    workbench = await Workbench.open({ runAsUser: user, env: { SSH_AUTH_SOCK: agentSocket }, settings: terminalDomSettings });
  });

  after(async () => {
    await workbench?.close();
    if (agent?.pid !== undefined && agent.exitCode === null) {
      agent.kill('SIGTERM');
      await new Promise((resolve) => agent!.once('exit', resolve));
    }
    if (user) deleteUser(user, { userdel: '/usr/sbin/userdel' });
    if (home) rmSync(path.dirname(home), { recursive: true, force: true });
  });

  function toast(text: string) {
    return workbench!.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  }

  it('generateKey: ssh-keygen asks for the passphrase in the terminal; the key is written with it', async () => {
    assert.equal(existsSync(keyFile()), false);
    await workbench!.runCommand('Remote Docker: Generate an SSH Key');
    await answerTerminalPrompt(workbench!.page, /Enter passphrase/, passphrase);
    await answerTerminalPrompt(workbench!.page, /Enter same passphrase again/, passphrase);
    // The terminal stays readable until a key is pressed; the notification follows.
    await answerTerminalPrompt(workbench!.page, /Press any key to close this terminal/, 'x');
    await toast('Created').waitFor({ state: 'visible', timeout: 30_000 });
    await workbench!.screenshot('keys-01-generated');

    const stat = statSync(keyFile());
    assert.equal(stat.uid, Number(spawnSync('id', ['-u', user!], { encoding: 'utf8' }).stdout.trim()), 'the key belongs to the editor\'s user');
    assert.equal(stat.mode & 0o777, 0o600);
    // The typed passphrase protects it: the public key can be derived with it and not without.
    const withPassphrase = spawnSync('ssh-keygen', ['-y', '-P', passphrase, '-f', keyFile()], { encoding: 'utf8' });
    assert.equal(withPassphrase.status, 0, withPassphrase.stderr);
    assert.equal(withPassphrase.stdout.trim().split(' ').slice(0, 2).join(' '), readFileSync(`${keyFile()}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' '));
    assert.notEqual(spawnSync('ssh-keygen', ['-y', '-P', '', '-f', keyFile()]).status, 0, 'the key has no passphrase');
  });

  it('startAgent finds the running agent and offers to add the key; addKeyToAgent loads it with the typed passphrase', async () => {
    assert.equal(asRootWithAgent(['-l']).status, 1, 'the agent starts empty');
    await workbench!.runCommand('Remote Docker: Start ssh-agent');
    await toast('ssh-agent is running.').waitFor({ state: 'visible', timeout: 30_000 });
    await toast('ssh-agent is running.').locator('.monaco-button', { hasText: 'Add the key to the agent' }).click();
    await answerTerminalPrompt(workbench!.page, /Enter passphrase for .*id_ed25519/, passphrase);
    await waitForTerminalText(workbench!.page, /Identity added/);
    await workbench!.screenshot('keys-02-added-to-agent');

    const listed = asRootWithAgent(['-l']);
    assert.equal(listed.status, 0, listed.stderr);
    const fingerprint = spawnSync('ssh-keygen', ['-lf', `${keyFile()}.pub`], { encoding: 'utf8' }).stdout.split(' ')[1];
    assert.ok(fingerprint.startsWith('SHA256:'), fingerprint);
    assert.ok(listed.stdout.includes(fingerprint), `the agent lists:\n${listed.stdout}`);
  });
});
