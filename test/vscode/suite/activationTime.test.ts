import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

/**
 * activate() times itself (extension.ts); `npm run bench` runs this suite alone with
 * RDS_BENCH_OUT set and reports the figure. Speed goals live in the bench, not in this test.
 */
describe('activation time for the bench', () => {
  it('is measured by activate() in the real extension host', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const api = (await extension.activate()) as { activationMs: number };
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs >= 0);
    const out = process.env.RDS_BENCH_OUT;
    if (out) {
      writeFileSync(out, JSON.stringify({ activationMs: api.activationMs }));
    }
  });
});
