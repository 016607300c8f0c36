import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { assertSingleBlockInserted, makeTempDir } from '../fixtures/sshConfig/editChecks';
import { cliCommand, repoRoot, runHostsCli } from '../fixtures/sshConfig/hostsCli';

/**
 * A writer killed with SIGKILL leaves the old file or the new one, never a mix.
 *
 * Deterministic kills use the one test hook in src/core/fs/testPause.ts: with
 * REMOTE_DOCKER_SSH_TEST_PAUSE_AT=partial-write the writer stops with half of the new bytes in
 * its temp file; with before-rename it stops with the whole temp file written but not renamed.
 * It writes its pid to REMOTE_DOCKER_SSH_TEST_PAUSE_SIGNAL, and the test kills it right then.
 */
function startWriter(args: string[], env: NodeJS.ProcessEnv) {
  const command = cliCommand(args);
  const child = spawn(command.file, command.args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, exited };
}

async function waitFor(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const originalText = '# crash test\r\nHost old\r\n\tHostName old.example\r\n';

describe('hosts add: a writer killed with SIGKILL', () => {
  for (const stage of ['partial-write', 'before-rename'] as const) {
    it(`at ${stage}: the old file stays whole, and the next writer recovers the stale lock`, async function () {
      this.timeout(120_000);
      const temp = await makeTempDir('rds-crash-');
      const signalFile = path.join(temp.dir, 'paused');
      const writer = startWriter(['hosts', 'add', 'doomed', '--hostname', '192.0.2.66', '--config', path.join(temp.dir, 'config')], {
        REMOTE_DOCKER_SSH_TEST_PAUSE_AT: stage,
        REMOTE_DOCKER_SSH_TEST_PAUSE_SIGNAL: signalFile,
      });
      try {
        const configFile = path.join(temp.dir, 'config');
        await writeFile(configFile, originalText, { mode: 0o600 });
        const original = await readFile(configFile);
        await waitFor(signalFile, 60_000);
        assert.equal(Number(await readFile(signalFile, 'utf8')), writer.child.pid);
        // The writer is paused inside the write: its temp file is there, partly or fully written.
        const temps = (await readdir(temp.dir)).filter((name) => name.endsWith('.tmp') && name.startsWith('.config.') && !name.includes('.bak.'));
        assert.equal(temps.length, 1, `one temp file in ${(await readdir(temp.dir)).join(', ')}`);
        const tempBytes = await readFile(path.join(temp.dir, temps[0]));
        assert.ok(tempBytes.length > 0);
        assert.ok(existsSync(`${configFile}.lock`), 'the writer holds the lock');

        writer.child.kill('SIGKILL');
        assert.equal(await writer.exited, 'SIGKILL');
        assert.ok((await readFile(configFile)).equals(original), 'the config is exactly the old file');
        assert.ok(existsSync(`${configFile}.lock`), 'the dead writer left its lock');

        const next = await runHostsCli(['hosts', 'add', 'survivor', '--hostname', '192.0.2.67', '--config', configFile]);
        assert.equal(next.exitCode, 0, next.stderr);
        const updated = await readFile(configFile);
        assertSingleBlockInserted(original, updated, { alias: 'survivor', hostname: '192.0.2.67' });
        assert.ok(!updated.toString().includes('doomed'));
        const left = (await readdir(temp.dir)).filter((name) => name !== 'config' && name !== 'paused' && !name.endsWith('.bak'));
        assert.deepEqual(left, [], 'the stale lock and the dead writer\'s temp file are gone');
      } finally {
        if (writer.child.exitCode === null && writer.child.signalCode === null) {
          writer.child.kill('SIGKILL');
          await writer.exited;
        }
        await temp.remove();
      }
    });
  }

  it('killed at random points of its critical section, 12 times: each time the file is the old one or the old one plus the whole block', async function () {
    this.timeout(180_000);
    const temp = await makeTempDir('rds-crash-random-');
    try {
      const configFile = path.join(temp.dir, 'config');
      await writeFile(configFile, originalText, { mode: 0o600 });
      // Aim the kills at the critical section: wait until this writer holds the lock (its pid is in
      // the lock file), then kill it 0 to windowMs later, somewhere in read, plan, backup, write, rename.
      const lockFile = `${configFile}.lock`;
      const lockHolder = () => {
        try {
          return (JSON.parse(readFileSync(lockFile, 'utf8')) as { pid?: number }).pid;
        } catch {
          return undefined;
        }
      };
      let kept = 0;
      let replaced = 0;
      let killedUnderLock = 0;
      // A kill landed inside the critical section when the writer died of it (it had not exited on its own)
      // and its lock is still there with its pid: it was between taking and releasing the lock.
      let landedInside = 0;
      const minimumInside = 4;
      // The section lasts a few ms on an idle machine and tens under load: a kill that came after the
      // lock was released halves the window the next delay is drawn from, so the kills keep aiming inside.
      let windowMs = 30;
      for (let round = 0; round < 12; round++) {
        const before = await readFile(configFile);
        const alias = `round-${round}`;
        const writer = startWriter(['hosts', 'add', alias, '--hostname', `192.0.2.${round + 1}`, '--config', configFile], {});
        let done = false;
        void writer.exited.then(() => (done = true));
        while (!done && lockHolder() !== writer.child.pid) {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        if (!done) {
          killedUnderLock++;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * windowMs));
        }
        writer.child.kill('SIGKILL');
        const exit = await writer.exited;
        if (exit === 'SIGKILL' && lockHolder() === writer.child.pid) {
          landedInside++;
        } else {
          windowMs = Math.max(1, windowMs / 2);
        }
        const after = await readFile(configFile);
        if (after.equals(before)) {
          kept++;
        } else {
          assertSingleBlockInserted(before, after, { alias, hostname: `192.0.2.${round + 1}` });
          replaced++;
        }
      }
      console.log(`      kills while holding the lock: ${killedUnderLock}/12, ${landedInside} of them before the lock was released; ${kept} left the old file, ${replaced} the new one, 0 a mix`);
      assert.equal(kept + replaced, 12);
      assert.ok(landedInside >= minimumInside, `only ${landedInside} of 12 kills landed inside the critical section (at least ${minimumInside} needed to test it)`);
    } finally {
      await temp.remove();
    }
  });
});
