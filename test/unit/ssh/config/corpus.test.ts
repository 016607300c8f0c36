import { strict as assert } from 'node:assert';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addHost } from '../../../../src/core/ssh/config/addHost';
import { runProcess } from '../../../../src/core/runner';
import { assertSingleBlockInserted, assertSshResolves, makeTempDir, type RequestedHost } from '../../../fixtures/sshConfig/editChecks';
import { runLoopbackOnly } from '../../../fixtures/netns/loopbackOnly';

/**
 * The real-world corpus lives beside the repository (`../shared/corpus/ssh-config` from the repo
 * root; CI clones the repo with shared/ next to it). In a linked git worktree the repo root's
 * sibling is looked up from the main worktree too.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpusRelative = path.join('..', 'shared', 'corpus', 'ssh-config');

async function findCorpus(): Promise<string | undefined> {
  const roots = [repoRoot];
  const common = await runProcess('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { timeoutMs: 5000, cwd: repoRoot });
  if (common.exitCode === 0 && common.stdout.trim().length > 0) {
    roots.push(path.dirname(common.stdout.trim()));
  }
  return roots.map((root) => path.resolve(root, corpusRelative)).find((dir) => existsSync(dir));
}

/** OpenSSH 9.2 rejects options it does not know (Tag, UseKeychain); ignoring unknown options lets it read the rest. */
const ignoreUnknown = ['-o', 'IgnoreUnknown=*'];

async function sshAccepts(configFile: string, extra: string[]): Promise<{ ok: boolean; error: string }> {
  const result = await runLoopbackOnly('ssh', ['-G', '-F', configFile, ...extra, '--', 'rds-corpus-probe'], { timeoutMs: 15_000 });
  // Compare complaints without the file name and line numbers (the block moves lines down).
  const error = result.stderr.split(configFile).join('FILE').replace(/line \d+/g, 'line N').trim();
  return { ok: result.exitCode === 0, error };
}

describe('addHost on the real-world ssh config corpus', () => {
  it('keeps every byte of every file and ssh -G resolves the new host', async function () {
    this.timeout(120_000);
    const corpus = await findCorpus();
    if (corpus === undefined) {
      const where = path.resolve(repoRoot, corpusRelative);
      // On CI a missing corpus is a broken checkout, not a reason to pass quietly.
      if (process.env.CI === 'true') assert.fail(`corpus not found at ${where} (CI=true: a missing corpus fails the run)`);
      console.log(`      corpus not found at ${where}: skipped`);
      this.skip();
    }
    const files = (await readdir(corpus)).filter((name) => name.endsWith('.conf')).sort();
    assert.ok(files.length > 0, `no .conf files in ${corpus}`);
    const host: RequestedHost = { alias: 'rds-corpus-added', hostname: '203.0.113.77', user: 'corpus-user', port: 2277 };
    const passed: string[] = [];
    const bytesOnly: string[] = [];
    const withIgnoreUnknown: string[] = [];
    const temp = await makeTempDir();
    try {
      for (const name of files) {
        const dir = path.join(temp.dir, name);
        const configFile = path.join(dir, 'config');
        const { mkdir } = await import('node:fs/promises');
        await mkdir(dir);
        await copyFile(path.join(corpus, name), configFile);
        const original = await readFile(configFile);
        // Includes in these files name their authors' machines: resolve relative ones in an empty test folder.
        await addHost(configFile, host, { includeBase: { sshDir: dir, homeDir: dir } });
        const updated = await readFile(configFile);
        assertSingleBlockInserted(original, updated, host);
        assert.ok((await readFile(path.join(corpus, name))).equals(original), `${name}: the corpus file itself changed`);

        let extra: string[] = [];
        if (!(await sshAccepts(configFile + '.remote-docker-ssh.bak', [])).ok) {
          extra = ignoreUnknown;
          withIgnoreUnknown.push(name.slice(0, 2));
        }
        const before = await sshAccepts(configFile + '.remote-docker-ssh.bak', extra);
        if (!before.ok) {
          // ssh cannot read the original at all (Match tagged on 9.2): the edit must not change its verdict.
          const after = await sshAccepts(configFile, extra);
          assert.equal(after.ok, false, `${name}: ssh accepts the edited file but not the original`);
          assert.equal(after.error, before.error, `${name}: ssh's complaint changed`);
          bytesOnly.push(`${name} (${before.error.split('\n').at(-1)})`);
          continue;
        }
        await assertSshResolves(configFile, host, extra);
        passed.push(name);
      }
    } finally {
      await temp.remove();
    }
    console.log(`      corpus ${corpus}: ${passed.length}/${files.length} files passed (a) and (b)`);
    console.log(`      checked with -o IgnoreUnknown=* (options OpenSSH 9.2 lacks): ${withIgnoreUnknown.join(', ') || 'none'}`);
    if (bytesOnly.length > 0) {
      console.log(`      (a) only, OpenSSH rejects the original itself: ${bytesOnly.join('; ')}`);
    }
    assert.equal(passed.length + bytesOnly.length, files.length);
  });
});
