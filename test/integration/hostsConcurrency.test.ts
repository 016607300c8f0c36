import { strict as assert } from 'node:assert';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { listConfiguredHosts } from '../../src/core/ssh/config/configFiles';
import { makeTempDir, sshG } from '../fixtures/sshConfig/editChecks';
import { runHostsCli } from '../fixtures/sshConfig/hostsCli';

const groupSize = 20;

describe('hosts add: concurrent writers', () => {
  it(`2 x ${groupSize} concurrent processes on one file keep all ${2 * groupSize} blocks and every original byte`, async function () {
    this.timeout(300_000);
    const temp = await makeTempDir('rds-concurrent-');
    try {
      const configFile = path.join(temp.dir, 'config');
      const original = '# shared by many writers\nHost old\n  HostName old.example\n\nHost *\n  ServerAliveInterval 30\n';
      await writeFile(configFile, original, { mode: 0o600 });
      const plain = Array.from({ length: groupSize }, (_, i) => ({
        alias: `plain-${i}`,
        args: [`plain-${i}`, '--hostname', `192.0.2.${i + 1}`],
        hostname: `192.0.2.${i + 1}`,
      }));
      const full = Array.from({ length: groupSize }, (_, i) => ({
        alias: `full-${i}`,
        args: [`full-${i}`, '--hostname', `198.51.100.${i + 1}`, '--user', `user${i}`, '--port', String(3000 + i), '--identity-file', `~/.ssh/id_${i}`],
        hostname: `198.51.100.${i + 1}`,
      }));
      const started = performance.now();
      const results = await Promise.all(
        [...plain, ...full].map((job) => runHostsCli(['hosts', 'add', ...job.args, '--config', configFile], undefined, 240_000)),
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const failed = results.filter((result) => result.exitCode !== 0);
      assert.deepEqual(
        failed.map((result) => `${result.exitCode}: ${result.stderr}`),
        [],
        'every writer succeeds',
      );

      const hosts = await listConfiguredHosts(configFile, { includeBase: { sshDir: temp.dir, homeDir: temp.dir } });
      const aliases = hosts.map((host) => host.alias);
      for (const job of [...plain, ...full]) {
        assert.equal(aliases.filter((alias) => alias === job.alias).length, 1, `${job.alias} present once`);
      }
      assert.equal(aliases.length, 2 * groupSize + 1);

      // The file still parses, and each block is what its writer asked for.
      for (const job of [...plain, ...full]) {
        const resolved = await sshG(configFile, job.alias);
        assert.equal(resolved.hostname, job.hostname);
      }
      assert.equal((await sshG(configFile, 'full-7')).port, 3007);
      assert.equal((await sshG(configFile, 'full-7')).user, 'user7');

      // Taking the 40 blocks out again gives back the original bytes.
      const text = await readFile(configFile, 'utf8');
      const stripped = text.replace(/^Host (?:plain|full)-\d+\n(?: {2}.*\n)*\n/gm, '');
      assert.equal(stripped, original);
      const leftovers = (await readdir(temp.dir)).filter((name) => name !== 'config' && !name.endsWith('.bak'));
      assert.deepEqual(leftovers, [], 'no lock or temp file left');
      console.log(`      ${results.length} concurrent writers finished in ${seconds} s; ${aliases.length - 1}/${2 * groupSize} blocks present`);
    } finally {
      await temp.remove();
    }
  });
});
