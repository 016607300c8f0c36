import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureExtensionBuilt } from '../harness/build';
import { bundleSuites } from '../harness/bundleSuites';
import { repoRoot } from '../harness/paths';
import { runVscodeSuites } from '../harness/runSuites';

// Issue 11 part 3 in restricted mode: the suites of test/vscode/restricted run in a code-server whose
// workspace trust is on, in a folder nobody trusted, prepared as a hostile clone would be.
describe('an untrusted workspace (restricted mode)', () => {
  let scratch: string;

  before(async () => {
    ensureExtensionBuilt();
    scratch = await mkdtemp(path.join(tmpdir(), 'rds-untrusted-run-'));
  });

  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('runs no ssh from workspace values, honours restrictedConfigurations and changes no workspace file', async () => {
    const workspace = path.join(scratch, 'clone');
    mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    const marker = path.join(workspace, 'MARKER');
    const hostile = path.join(workspace, 'hostile_config');
    writeFileSync(hostile, `Match exec "touch ${marker}"\n    User x\nHost planted\n    HostName 127.0.0.1\n`);
    const settings = JSON.stringify({ 'remote.SSH.configFile': hostile, 'remoteDockerSsh.checkTimeoutSeconds': 1 }, null, 2);
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), settings);
    writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM scratch\n');
    const index = await bundleSuites(path.join(repoRoot, 'test/vscode/restricted'), path.join(scratch, 'bundle'));
    let output = '';
    const code = await runVscodeSuites({ extensionTestsPath: index, workspaceFolder: workspace, workspaceTrust: true, write: (text) => (output += text), timeoutMs: 240_000 });
    assert.equal(code, 0, output);
    assert.match(output, /5 passing/, output);
    assert.equal(existsSync(marker), false, 'ssh ran the workspace\'s Match exec');
    assert.equal(existsSync(path.join(workspace, '.vscode', 'extensions.json')), false);
    assert.equal(readFileSync(path.join(workspace, '.vscode', 'settings.json'), 'utf8'), settings);
  });
});
