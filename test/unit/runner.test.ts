import { strict as assert } from 'node:assert';
import { runProcess } from '../../src/core/runner';

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
});
