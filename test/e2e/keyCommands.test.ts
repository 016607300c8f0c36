import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRig, type Rig } from '../fixtures/rig/index';
import { accountOf, createUser, deleteUser, uniqueUserName } from '../fixtures/rig/linuxUser';
import { answerTerminalPrompt, terminalDomSettings, waitForTerminalText } from './terminal';
import { Workbench } from './workbench';

// generateKey, startAgent, addKeyToAgent and copyKeyToHost as a user runs them: the palette, the prompts of
// ssh-keygen, ssh-add and ssh-copy-id answered by typing into the integrated terminal through Chromium.
// code-server runs as a fresh Linux user of its own (ssh-keygen and the key picker read ~/.ssh from the
// passwd entry), with an ssh-agent of that user; the results are checked on disk, in that agent and on the
// rig's host, whose user has a password (the rig's `userPassword`) as a fresh host does.
describe('key commands in the real workbench, prompts typed into the terminal (code-server as its own user)', function () {
  this.timeout(240_000);
  const passphrase = 'correct horse battery staple';
  const hostPassword = `host-${randomBytes(9).toString('base64url')}`;
  const alias = 'devbox';
  let rig: Rig | undefined;
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
    [rig, workbench] = await Promise.all([startRig({ userPassword: hostPassword }), Workbench.open({ runAsUser: user, env: { SSH_AUTH_SOCK: agentSocket }, settings: terminalDomSettings })]);
  });

  after(async () => {
    await workbench?.close();
    await rig?.stop();
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

  /**
   * A key login as the editor's user with its own ssh config and agent, as Docker's ssh would log in. It
   * resolves no name (the config's HostName is 127.0.0.1), and a loopback-only namespace would not reach
   * the rig's sshd, which listens on the machine's own loopback.
   */
  function batchModeLogin(): { status: number | null; stderr: string } {
    const account = accountOf(user!)!;
    return spawnSync('setpriv', ['--reuid', String(account.uid), '--regid', String(account.gid), '--init-groups', '--', 'env', `SSH_AUTH_SOCK=${agentSocket}`, 'ssh', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '--', alias, 'true'], { encoding: 'utf8', timeout: 30_000 });
  }

  /** How many lines of the host user's authorized_keys hold this public key (type and base64). */
  function timesAuthorized(publicKeyFile: string): number {
    const [type, blob] = readFileSync(publicKeyFile, 'utf8').trim().split(' ');
    const authorized = readFileSync(path.join(accountOf(rig!.user)!.home, '.ssh', 'authorized_keys'), 'utf8');
    return authorized.split('\n').filter((line) => line.trim().split(' ').slice(0, 2).join(' ') === `${type} ${blob}`).length;
  }

  it('copyKeyToHost: ssh-copy-id asks for the host password in the terminal; the picked key is then authorized once and a BatchMode login works', async () => {
    const account = accountOf(user!)!;
    const asUser = (file: string, text: string) => {
      writeFileSync(file, text, { mode: 0o600 });
      chownSync(file, account.uid, account.gid);
    };
    // The key of the tests above, already in the agent (ssh-copy-id's first try logs in with it, unprompted).
    // The user's own ssh setup for the host (adding and trusting it are other commands' tests); a second
    // key beside the one the test picks, so the command must send the picked one.
    asUser(path.join(home, '.ssh', 'config'), `Host ${alias}\n  HostName ${rig!.host}\n  Port ${rig!.port}\n  User ${rig!.user}\n  IdentityFile ~/.ssh/id_ed25519\n`);
    copyFileSync(rig!.knownHostsFile, path.join(home, '.ssh', 'known_hosts'));
    chownSync(path.join(home, '.ssh', 'known_hosts'), account.uid, account.gid);
    const otherKey = path.join(home, '.ssh', 'id_ecdsa');
    assert.equal(spawnSync('setpriv', ['--reuid', String(account.uid), '--regid', String(account.gid), '--init-groups', '--', 'ssh-keygen', '-q', '-t', 'ecdsa', '-N', '', '-f', otherKey]).status, 0);
    const before = batchModeLogin();
    assert.equal(before.status, 255, 'the key logs in before it was authorized');
    assert.match(before.stderr, /Permission denied/);
    assert.equal(timesAuthorized(`${keyFile()}.pub`), 0);

    await workbench!.runCommand('Remote Docker: Authorize the SSH Key on the Host');
    await workbench!.pickQuickItem(alias);
    await workbench!.pickQuickItem(keyFile());
    await answerTerminalPrompt(workbench!.page, /password:/, hostPassword, 60_000);
    await waitForTerminalText(workbench!.page, /Number of key\(s\) added: 1/, 60_000);
    await workbench!.screenshot('keys-03-copied-to-host');
    await answerTerminalPrompt(workbench!.page, /Press any key to close this terminal/, 'x');
    await toast(`${alias} accepts ${keyFile()}.pub now`).waitFor({ state: 'visible', timeout: 30_000 });

    assert.equal(timesAuthorized(`${keyFile()}.pub`), 1, 'the picked key is authorized once');
    assert.equal(timesAuthorized(`${otherKey}.pub`), 0, 'the other key was sent too');
    const sshdLog = () => readFileSync(path.join(rig!.tmpDir, 'sshd', 'sshd.log'), 'utf8');
    assert.match(sshdLog(), new RegExp(`Accepted password for ${rig!.user} `), 'ssh-copy-id logged in with the typed password');
    const logged = sshdLog().length;
    const after = batchModeLogin();
    assert.equal(after.status, 0, after.stderr);
    const fingerprint = spawnSync('ssh-keygen', ['-lf', `${keyFile()}.pub`], { encoding: 'utf8' }).stdout.split(' ')[1];
    assert.ok(sshdLog().slice(logged).includes(`Accepted publickey for ${rig!.user} from 127.0.0.1`), sshdLog().slice(logged));
    assert.ok(sshdLog().slice(logged).includes(`ED25519 ${fingerprint}`), 'the BatchMode login used another key');

    // Again: ssh-copy-id finds the key there (a key login, no password) and adds nothing.
    await workbench!.runCommand('Remote Docker: Authorize the SSH Key on the Host');
    await workbench!.pickQuickItem(keyFile());
    await waitForTerminalText(workbench!.page, /All keys were skipped because they already exist/, 60_000);
    await answerTerminalPrompt(workbench!.page, /Press any key to close this terminal/, 'x');
    assert.equal(timesAuthorized(`${keyFile()}.pub`), 1, 'a second run authorized the key twice');
  });
});
