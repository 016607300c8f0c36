import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { LockTimeoutError, withFileLock } from '../../../src/core/fs/fileLock';
import { makeTempDir } from '../../fixtures/sshConfig/editChecks';

describe('withFileLock', () => {
  it('serialises read-modify-write cycles so no update is lost', async () => {
    const temp = await makeTempDir();
    try {
      const counter = path.join(temp.dir, 'counter');
      await writeFile(counter, '0');
      await Promise.all(
        Array.from({ length: 25 }, () =>
          withFileLock(`${counter}.lock`, async () => {
            const value = Number(await readFile(counter, 'utf8'));
            await new Promise((resolve) => setTimeout(resolve, 1));
            await writeFile(counter, String(value + 1));
          }),
        ),
      );
      assert.equal(await readFile(counter, 'utf8'), '25');
      assert.ok(!existsSync(`${counter}.lock`));
    } finally {
      await temp.remove();
    }
  });

  it('breaks a lock whose owner process is gone', async () => {
    const temp = await makeTempDir();
    try {
      const lock = path.join(temp.dir, 'config.lock');
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      const deadPid = Number(dead.stdout);
      await writeFile(lock, JSON.stringify({ pid: deadPid, host: os.hostname(), token: 'gone', created: Date.now() }));
      const value = await withFileLock(lock, async () => 'ran', { timeoutMs: 5000 });
      assert.equal(value, 'ran');
      assert.ok(!existsSync(lock));
    } finally {
      await temp.remove();
    }
  });

  it('waits for a live owner and then times out with a message naming the lock and the holder', async () => {
    const temp = await makeTempDir();
    try {
      const lock = path.join(temp.dir, 'config.lock');
      const live = JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'mine', created: Date.now() });
      await writeFile(lock, live);
      await assert.rejects(withFileLock(lock, async () => 'ran', { timeoutMs: 300 }), (error: Error) => {
        assert.ok(error instanceof LockTimeoutError);
        assert.match(error.message, new RegExp(`config\\.lock \\(held by process ${process.pid}\\)`));
        return true;
      });
      assert.equal(await readFile(lock, 'utf8'), live, 'a live lock is never broken');
    } finally {
      await temp.remove();
    }
  });

  it('releases the lock when the work throws', async () => {
    const temp = await makeTempDir();
    try {
      const lock = path.join(temp.dir, 'x.lock');
      await assert.rejects(withFileLock(lock, async () => Promise.reject(new Error('boom'))), /boom/);
      assert.ok(!existsSync(lock));
    } finally {
      await temp.remove();
    }
  });
});

describe('withFileLock leftovers', () => {
  it('removes temp files of lock takers that died, and keeps those of live ones', async () => {
    const temp = await makeTempDir();
    try {
      const lock = path.join(temp.dir, 'config.lock');
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      const deadTemp = `${lock}.${dead.stdout}.0123456789ab.new`;
      const deadBreakerTemp = `${lock}.break.${dead.stdout}.0123456789ab.new`;
      const liveTemp = `${lock}.${process.pid}.0123456789ab.new`;
      for (const file of [deadTemp, deadBreakerTemp, liveTemp]) await writeFile(file, '{}');
      await withFileLock(lock, async () => undefined);
      assert.ok(!existsSync(deadTemp));
      assert.ok(!existsSync(deadBreakerTemp));
      assert.ok(existsSync(liveTemp));
    } finally {
      await temp.remove();
    }
  });
});
