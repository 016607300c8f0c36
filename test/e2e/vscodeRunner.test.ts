import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleSuites } from '../harness/bundleSuites';
import { repoRoot } from '../harness/paths';
import { runVscodeSuites } from '../harness/runSuites';

// The vscode layer is only worth something if a failing test inside the extension host fails the run.
describe('the test:vscode runner', () => {
  let outDir: string;

  before(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'rds-runner-fixture-'));
  });

  after(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  // code-server, its extension host and the git extension each leave vscode-*.sock files in their
  // temp dir; the harness gives them a private TMPDIR and removes it, so /tmp gains none. (On a
  // machine shared with other VS Code runs, a socket they create meanwhile would show up here too.)
  const vscodeSocketsInTmp = (): Set<string> => new Set(readdirSync('/tmp').filter((name) => /^vscode-.*\.sock$/.test(name)));

  it('exits non-zero and reports the failure when a suite fails in the extension host, leaving no vscode-*.sock in /tmp', async () => {
    const index = await bundleSuites(path.join(repoRoot, 'test/fixtures/vscode-suites/one-failing'), outDir);
    const socketsBefore = vscodeSocketsInTmp();
    let output = '';
    const code = await runVscodeSuites({ extensionTestsPath: index, write: (text) => (output += text), timeoutMs: 120_000 });
    assert.notEqual(code, 0, `exit code ${code}; output:\n${output}`);
    assert.match(output, /1 passing/);
    assert.match(output, /1 failing/);
    assert.match(output, /fails on purpose/);
    assert.deepEqual([...vscodeSocketsInTmp()].filter((name) => !socketsBefore.has(name)), [], 'new vscode-*.sock files in /tmp');
  });
});
