import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../../src/core/runner';
import { isAlive } from '../fixtures/rig/processes';

describe('runProcess', () => {
  it('passes arguments verbatim, without a shell', async () => {
    const hostile = '$(touch /tmp/should-not-exist); `id` | cat';
    const result = await runProcess('printf', ['%s', hostile], { timeoutMs: 5000 });
    assert.equal(result.exitCode, 0);
    assert.equal(result.stdout, hostile);
  });

  it('reports a non-zero exit without throwing', async () => {
    const result = await runProcess('sh', ['-c', 'echo oops >&2; exit 3'], { timeoutMs: 5000 });
    assert.equal(result.exitCode, 3);
    assert.equal(result.stderr.trim(), 'oops');
    assert.equal(result.timedOut, false);
  });

  it('kills a child that outlives its timeout', async () => {
    const result = await runProcess('sleep', ['30'], { timeoutMs: 200 });
    assert.equal(result.timedOut, true);
    assert.ok(result.durationMs < 5000, `took ${result.durationMs} ms`);
  });

  it('kills a child when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await runProcess('sleep', ['30'], { timeoutMs: 20000, signal: controller.signal });
    assert.equal(result.cancelled, true);
  });

  it('says when the binary is missing', async () => {
    const result = await runProcess('/nonexistent/binary-xyz', [], { timeoutMs: 5000 });
    assert.equal(result.exitCode, undefined);
    assert.ok(result.spawnError, 'spawnError should be set');
  });

  it('passes input on stdin', async () => {
    const result = await runProcess('cat', [], { timeoutMs: 5000, input: 'line one\nline two\n' });
    assert.equal(result.stdout, 'line one\nline two\n');
  });

  it('gives the child the environment it is handed, made non-interactive, and nothing of ours', async () => {
    const result = await runProcess('/usr/bin/env', [], { timeoutMs: 5000, env: { ONLY_THIS: 'yes', SSH_ASKPASS: '/usr/bin/ssh-askpass' } });
    assert.deepEqual(result.stdout.trim().split('\n').sort(), ['ONLY_THIS=yes', 'SSH_ASKPASS_REQUIRE=never']);
  });

  it('kills a child that ignores SIGTERM', async () => {
    const result = await runProcess('sh', ['-c', 'trap "" TERM; echo ready; while :; do sleep 1; done'], { timeoutMs: 300 });
    assert.equal(result.timedOut, true);
    assert.equal(result.exitCode, undefined);
    assert.equal(result.stdout, 'ready\n');
  });

  it('returns after a timeout although a grandchild still holds the output pipe', async () => {
    const result = await runProcess('sh', ['-c', 'sleep 30 & wait'], { timeoutMs: 300 });
    assert.equal(result.timedOut, true);
    assert.ok(result.durationMs < 20000, `took ${result.durationMs} ms`);
  });

  it('keeps output of several megabytes whole', async () => {
    const result = await runProcess('head', ['-c', String(4 * 1024 * 1024), '/dev/zero'], { timeoutMs: 10000 });
    assert.equal(result.stdout.length, 4 * 1024 * 1024);
  });

  it('kills a child that is still running when our own process exits', async () => {
    const script = fileURLToPath(new URL('../fixtures/runner/exitWhileChildRuns.ts', import.meta.url));
    const dir = await mkdtemp(path.join(tmpdir(), 'rds-runner-'));
    try {
      const pidFile = path.join(dir, 'child.pid');
      const parent = await runProcess(process.execPath, ['--import', 'tsx', script, pidFile], { timeoutMs: 15000 });
      assert.equal(parent.exitCode, 0, parent.stderr);
      const pid = Number((await readFile(pidFile, 'utf8')).trim());
      assert.ok(Number.isInteger(pid) && pid > 0, 'the child wrote no pid');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(isAlive(pid), false, `child ${pid} outlived its parent`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
