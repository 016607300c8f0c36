import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultIdentityFiles, defaultKeyPath, existingKeyPairs } from '../../../src/core/ssh/localKeys';

describe('local key pairs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds only keys whose .pub sits beside them, in the order given, once', async () => {
    writeFileSync(join(dir, 'a'), 'private');
    writeFileSync(join(dir, 'a.pub'), 'public');
    writeFileSync(join(dir, 'lonely'), 'private without public');
    writeFileSync(join(dir, 'b'), 'private');
    writeFileSync(join(dir, 'b.pub'), 'public');
    const found = await existingKeyPairs([join(dir, 'b'), join(dir, 'lonely'), join(dir, 'missing'), join(dir, 'a'), join(dir, 'b')]);
    assert.deepEqual(found, [
      { privateKey: join(dir, 'b'), publicKey: join(dir, 'b.pub') },
      { privateKey: join(dir, 'a'), publicKey: join(dir, 'a.pub') },
    ]);
  });

  it('defaults to ed25519 under ~/.ssh', () => {
    assert.equal(defaultKeyPath('/home/u'), '/home/u/.ssh/id_ed25519');
    assert.equal(defaultIdentityFiles('/home/u')[0], '/home/u/.ssh/id_ed25519');
  });
});
