import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keepOpenArgs, keepOpenScript } from '../../src/core/keepOpenScript';

/** Runs the terminal wrapper with a key already waiting on stdin (the user's key press). */
function runWrapped(program: string, args: string[], fingerprintOf?: string) {
  const texts = { success: 'done: it is true now', fingerprintOf, failed: `${program} failed with exit status`, pressAnyKey: 'Press any key.' };
  return spawnSync('/bin/sh', ['-c', keepOpenScript, ...keepOpenArgs(texts, program, args)], { input: 'x', encoding: 'utf8', timeout: 10_000 });
}

describe('the terminal wrapper (keepOpenScript)', () => {
  it('on failure prints the exit status after the program\'s own output, waits for the key, and exits with that status', () => {
    const run = runWrapped('sh', ['-c', 'echo "Permission denied (password)." >&2; exit 7']);
    assert.equal(run.status, 7);
    assert.match(run.stderr, /Permission denied/);
    assert.match(run.stdout, /sh failed with exit status 7\nPress any key\.$/);
    assert.doesNotMatch(run.stdout, /done: it is true now/);
  });

  it('on success prints the one line of what is now true, with the fingerprint of the key it names', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rds-keep-open-'));
    try {
      const key = path.join(dir, 'id_ed25519');
      const run = runWrapped('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key, '-C', 'test'], `${key}.pub`);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /done: it is true now \(SHA256:[A-Za-z0-9+/]{43}\)\nPress any key\.$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes arguments as data: a value with shell syntax reaches the program unchanged', () => {
    const run = runWrapped('printf', ['%s|', '$(touch /tmp/rds-never); `id`', '-x']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^\$\(touch \/tmp\/rds-never\); `id`\|-x\|/);
  });
});
