import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/vscode/commandIds';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

/**
 * Which manifest-only fixture (test/fixtures/extensions/<name>) the runner put into this editor's
 * extensions folder; the runner starts one editor per fixture, because two generations cannot be
 * installed side by side (1.22 and 1.29 share an id). Unset: no Docker extension at all.
 */
const fixture = process.env.RDS_DOCKER_FIXTURE ?? '';

interface Expectation {
  readonly extension: string;
  /** The user's values before the command, which the merge must keep. */
  readonly before: Record<string, unknown>;
  /** Every key the command must leave at exactly this value. */
  readonly after: (dockerHost: string) => Record<string, unknown>;
  /** Keys of other generations that must stay unset. */
  readonly untouched: string[];
}

const expectations: Record<string, Expectation> = {
  'containers-2.0': {
    extension: 'ms-azuretools.vscode-containers',
    before: { 'containers.environment': { FOO: 'keep me', DOCKER_HOST: 'unix:///old.sock' } },
    after: (host) => ({ 'containers.environment': { FOO: 'keep me', DOCKER_HOST: host } }),
    untouched: ['docker.environment', 'docker.host'],
  },
  'docker-1.29': {
    extension: 'ms-azuretools.vscode-docker',
    before: { 'docker.environment': { DOCKER_CERT_PATH: '/certs', BUILDKIT_PROGRESS: 'plain' } },
    after: (host) => ({ 'docker.environment': { DOCKER_CERT_PATH: '/certs', BUILDKIT_PROGRESS: 'plain', DOCKER_HOST: host } }),
    untouched: ['containers.environment', 'docker.host'],
  },
  'docker-1.22': {
    extension: 'ms-azuretools.vscode-docker',
    before: { 'docker.explorerRefreshInterval': 1000 },
    // 1000 ms is below what an ssh round trip needs: raised to the 3000 ms the seed page asks for.
    after: (host) => ({ 'docker.host': host, 'docker.explorerRefreshInterval': 3000 }),
    untouched: ['containers.environment', 'docker.environment'],
  },
};

const userValue = (key: string) => vscode.workspace.getConfiguration().inspect(key)?.globalValue;

/**
 * With RDS_DOCKER_SETTINGS_DECLARED=1 the runner also installed test/fixtures/extensions/docker-settings-declarer,
 * which declares every generation's keys: VS Code would then accept a write to any of them, so a key left
 * unwritten shows our own choice and not the editor's refusal of an undeclared key.
 */
const allKeysDeclared = process.env.RDS_DOCKER_SETTINGS_DECLARED === '1';
const declarable = ['containers.environment', 'docker.environment', 'docker.host'];

function assertAllKeysDeclared(): void {
  const registered = vscode.workspace.getConfiguration();
  for (const key of declarable) {
    assert.notEqual(registered.inspect(key)?.defaultValue, undefined, `${key} is not declared: the declarer fixture is missing`);
  }
}

/** The lines of the extension's "Remote Docker over SSH" log file so far (the file is flushed shortly after a write). */
async function waitForLogLine(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const api = vscode.extensions.getExtension(extensionId)!.exports as { logFolder: string };
  const file = path.join(api.logFolder, 'Remote Docker over SSH.log');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const line = text.split('\n').find((candidate) => pattern.test(candidate));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no log line ${pattern} in ${file} within ${timeoutMs} ms:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe(`configureDockerHost with ${fixture || 'no Docker extension'} installed`, () => {
  // Port 1 on loopback refuses at once: the doctor's round for this host ends quickly.
  const target = 'dev@127.0.0.1:1';
  const dockerHost = 'ssh://dev@127.0.0.1:1';

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
  });

  if (!fixture) {
    it(`refuses by itself and writes nothing when no Docker extension is installed${allKeysDeclared ? ' (every key declared by a fixture)' : ''}`, async () => {
      if (allKeysDeclared) assertAllKeysDeclared();
      const result = await vscode.commands.executeCommand(CommandIds.configureDockerHost, { target, scope: 'user', dockerContext: false });
      assert.equal(result, undefined);
      // The product's own refusal (its log line; the same branch shows the "No Docker extension is installed" warning).
      await waitForLogLine(/\[warning\] configureDockerHost: no Docker extension installed, nothing written/);
      for (const key of [...declarable, 'docker.explorerRefreshInterval']) {
        assert.equal(userValue(key), undefined, key);
      }
    });
    return;
  }

  const expected = expectations[fixture];
  if (!expected) {
    throw new Error(`unknown RDS_DOCKER_FIXTURE ${fixture}`);
  }

  // Docker before 1.23 logs in only through ssh-agent: the command checks that the agent holds a
  // key before it writes. A real agent of this suite's own, with one fresh key, stands in for the user's.
  let agent: { pid: number; dir: string; savedSock: string | undefined } | undefined;
  if (fixture === 'docker-1.22') {
    before(() => {
      const dir = mkdtempSync(path.join(tmpdir(), 'rds-agent-'));
      const sock = path.join(dir, 'agent.sock');
      const child = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
      agent = { pid: child.pid!, dir, savedSock: process.env.SSH_AUTH_SOCK };
      for (let waited = 0; !existsSync(sock) && waited < 5000; waited += 50) spawnSync('sleep', ['0.05']);
      process.env.SSH_AUTH_SOCK = sock;
    });

    it('writes nothing while the agent holds no key (Docker before 1.23 logs in only through it)', async () => {
      const result = await vscode.commands.executeCommand(CommandIds.configureDockerHost, { target, scope: 'user', dockerContext: false });
      assert.equal(result, undefined);
      assert.equal(userValue('docker.host'), undefined);
      const key = path.join(agent!.dir, 'id_ed25519');
      assert.equal(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]).status, 0);
      assert.equal(spawnSync('ssh-add', [key], { env: process.env, stdio: 'ignore' }).status, 0);
    });

    after(() => {
      if (agent) {
        process.kill(agent.pid);
        process.env.SSH_AUTH_SOCK = agent.savedSock;
        if (agent.savedSock === undefined) delete process.env.SSH_AUTH_SOCK;
        rmSync(agent.dir, { recursive: true, force: true });
      }
    });
  }

  before(async () => {
    const installed = vscode.extensions.getExtension(expected.extension);
    assert.ok(installed, `${expected.extension} (fixture ${fixture}) is not installed in this editor`);
    if (allKeysDeclared) assertAllKeysDeclared();
    const configuration = vscode.workspace.getConfiguration();
    for (const [key, value] of Object.entries(expected.before)) {
      await configuration.update(key, value, vscode.ConfigurationTarget.Global);
    }
    await configuration.update('editor.fontSize', 17, vscode.ConfigurationTarget.Global);
  });

  it('writes DOCKER_HOST into the setting of the installed generation, merged into the user\'s values', async () => {
    const result = (await vscode.commands.executeCommand(CommandIds.configureDockerHost, { target, scope: 'user', dockerContext: false })) as
      | { dockerHost: string; written: { key: string }[] }
      | undefined;
    assert.ok(result, 'configureDockerHost returned nothing');
    assert.equal(result.dockerHost, dockerHost);
    for (const [key, value] of Object.entries(expected.after(dockerHost))) {
      assert.deepEqual(userValue(key), value, key);
    }
    for (const key of expected.untouched) {
      assert.equal(userValue(key), undefined, `${key} must not be written for ${fixture}`);
    }
    assert.equal(userValue('editor.fontSize'), 17, 'an unrelated setting changed');
  });

  it('marks the DOCKER_HOST step done from the setting it wrote', async () => {
    const api = vscode.extensions.getExtension(extensionId)!.exports as { refreshSteps(): Promise<{ done: ReadonlySet<string>; activeDockerHost?: string }> };
    const snapshot = await api.refreshSteps();
    assert.ok(snapshot.done.has('dockerHostConfigured'), [...snapshot.done].join(', '));
    assert.equal(snapshot.activeDockerHost, dockerHost);
  });
});
