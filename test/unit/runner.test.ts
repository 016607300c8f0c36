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

  // The docker CLI's ssh has no BatchMode: run from a terminal it would ask there (a host key, a passphrase).
  it('starts a withoutTerminal child where it cannot open the controlling terminal (a real pty; the normal child can)', async () => {
    const script = fileURLToPath(new URL('../fixtures/runner/reachTerminal.ts', import.meta.url));
    const command = [process.execPath, '--import', 'tsx', script].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
    // util-linux `script` gives the command a pseudo-terminal as its controlling terminal.
    const result = await runProcess('script', ['-qefc', command, '/dev/null'], { timeoutMs: 30_000 });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /normal=tty withoutTerminal=no-tty/);
  });

  it('kills the whole process group of a withoutTerminal child (the ssh below docker too)', async () => {
    const result = await runProcess('sh', ['-c', 'sleep 30 & echo $!; wait'], { timeoutMs: 300, withoutTerminal: true });
    assert.equal(result.timedOut, true);
    const grandchild = Number(result.stdout.trim());
    assert.ok(Number.isInteger(grandchild) && grandchild > 0, result.stdout);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(isAlive(grandchild), false, `grandchild ${grandchild} outlived the killed child`);
  });
});
