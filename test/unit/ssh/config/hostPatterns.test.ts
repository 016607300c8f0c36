import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { runLoopbackOnly } from '../../../fixtures/netns/loopbackOnly';
import { hostLineMatches } from '../../../../src/core/ssh/config/hostPatterns';

/**
 * ssh is the judge of what a Host line matches: for generated patterns and names, our matcher must
 * agree with `ssh -G` on a config whose only Host line is that pattern. All the ssh runs share one
 * loopback-only network namespace (ssh -G resolves nothing here, and could not leak if it did).
 */
describe('Host pattern matching agrees with ssh -G', () => {
  it('on 300 generated patterns and names', async function () {
    this.timeout(60_000);
    const word = (chars: string[], max: number) => fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: max }).map((c) => c.join(''));
    const cases = fc.sample(
      fc.record({
        patterns: fc.array(fc.tuple(fc.boolean(), word(['a', 'b', '.', '*', '?'], 6)).map(([negated, p]) => (negated ? `!${p}` : p)), { minLength: 1, maxLength: 3 }),
        name: word(['a', 'b', 'A', '.'], 6),
      }),
      { numRuns: 300, seed: 20261201 },
    );
    const dir = await mkdtemp(path.join(tmpdir(), 'rds-patterns-'));
    try {
      await Promise.all(cases.map((c, i) => writeFile(path.join(dir, `config-${i}`), `Host ${c.patterns.join(' ')}\n  User matched\n`)));
      const script = 'i=0; for name in "$@"; do ssh -F "$0/config-$i" -G -- "$name" | grep -c "^user matched$"; i=$((i+1)); done';
      const result = await runLoopbackOnly('/bin/sh', ['-c', script, dir, ...cases.map((c) => c.name)], { timeoutMs: 55_000 });
      const sshSays = result.stdout.trim().split('\n').map((count) => count === '1');
      assert.equal(sshSays.length, cases.length, `ssh answered ${sshSays.length} of ${cases.length}: ${result.stderr}`);
      const disagreements = cases.filter((c, i) => hostLineMatches(c.patterns, c.name) !== sshSays[i]);
      assert.deepEqual(disagreements, []);
      assert.ok(sshSays.some((m) => m) && sshSays.some((m) => !m), 'the cases must include both matches and misses');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
