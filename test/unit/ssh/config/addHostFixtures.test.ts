import { strict as assert } from 'node:assert';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { addHost, backupSuffix } from '../../../../src/core/ssh/config/addHost';
import { configFixtures, writeFixture } from '../../../fixtures/sshConfig/configFixtures';
import { assertSingleBlockInserted, assertSshResolves, makeTempDir } from '../../../fixtures/sshConfig/editChecks';

describe('addHost on hand-made configs (real files, real ssh -G)', () => {
  for (const fixture of configFixtures) {
    it(fixture.name, async () => {
      const temp = await makeTempDir();
      try {
        const configFile = await writeFixture(fixture, temp.dir);
        const original = await readFile(configFile).catch(() => Buffer.alloc(0));
        const existed = original.length > 0 || fixture.files(temp.dir).config !== undefined;
        // Relative Includes resolve against a folder of the test's own, never the real ~/.ssh.
        const result = await addHost(configFile, fixture.host, { includeBase: { sshDir: temp.dir, homeDir: temp.dir } });
        const updated = await readFile(configFile);

        const inserted = assertSingleBlockInserted(original, updated, fixture.host);
        await assertSshResolves(configFile, fixture.host);

        const lines = updated.toString('latin1').split('\n');
        assert.equal(lines[result.line - 1].replace(/\r$/, ''), `Host ${fixture.host.alias}`, 'reported line');
        if (fixture.before !== undefined) {
          const at = updated.indexOf(inserted);
          assert.ok(
            updated.subarray(at + Buffer.byteLength(inserted)).toString('latin1').startsWith(fixture.before),
            `the block should sit right above ${JSON.stringify(fixture.before)}`,
          );
        }
        if (original.includes('\r\n') && original.toString('latin1').split('\r\n').length > original.toString('latin1').split('\n').length / 2) {
          assert.ok(!/[^\r]\n/.test(inserted), 'a CRLF file gets CRLF lines');
        }
        if (existed) {
          assert.equal(result.backupFile, `${configFile}${backupSuffix}`);
          assert.ok((await readFile(result.backupFile!)).equals(original), 'the backup holds the previous bytes');
        } else {
          assert.equal(result.backupFile, undefined);
        }
        assert.equal((await stat(configFile)).mode & 0o777, 0o600);
      } finally {
        await temp.remove();
      }
    });
  }

  it('keeps the mode of an existing file and creates a missing ~/.ssh as 0700', async () => {
    const temp = await makeTempDir();
    try {
      const shared = path.join(temp.dir, 'shared-config');
      const { writeFile, chmod } = await import('node:fs/promises');
      await writeFile(shared, 'Host a\n  HostName a.example\n');
      await chmod(shared, 0o644);
      await addHost(shared, { alias: 'b', hostname: '192.0.2.30' });
      assert.equal((await stat(shared)).mode & 0o777, 0o644);
      assert.equal((await stat(`${shared}${backupSuffix}`)).mode & 0o777, 0o644);

      const fresh = path.join(temp.dir, 'home', '.ssh', 'config');
      await addHost(fresh, { alias: 'c', hostname: '192.0.2.31' });
      assert.equal((await stat(path.dirname(fresh))).mode & 0o777, 0o700);
      assert.equal((await stat(fresh)).mode & 0o777, 0o600);
    } finally {
      await temp.remove();
    }
  });

  it('writes through a symlinked config and keeps the link', async () => {
    const temp = await makeTempDir();
    try {
      const { writeFile, symlink, lstat, readlink } = await import('node:fs/promises');
      const real = path.join(temp.dir, 'dotfiles-ssh-config');
      const link = path.join(temp.dir, 'config');
      await writeFile(real, 'Host a\n  HostName a.example\n', { mode: 0o600 });
      await symlink(real, link);
      const result = await addHost(link, { alias: 'b', hostname: '192.0.2.32', user: 'ann', port: 2232 });
      assert.equal(result.file, real);
      assert.ok((await lstat(link)).isSymbolicLink());
      assert.equal(await readlink(link), real);
      await assertSshResolves(link, { alias: 'b', hostname: '192.0.2.32', user: 'ann', port: 2232 });
    } finally {
      await temp.remove();
    }
  });

  it('refuses an alias that exists, in the file or an included one, naming file and line, and changes nothing', async () => {
    const temp = await makeTempDir();
    try {
      const { writeFile } = await import('node:fs/promises');
      const config = path.join(temp.dir, 'config');
      const included = path.join(temp.dir, 'more.conf');
      await writeFile(config, `Host first\n  HostName f\nInclude ${included}\n`);
      await writeFile(included, '\nHost other Taken\n  HostName t\n');
      const before = await readFile(config);
      const beforeStat = await stat(config);
      await assert.rejects(addHost(config, { alias: 'taken', hostname: '192.0.2.33' }), (error: Error) => {
        assert.equal(error.name, 'BadInputError');
        assert.match(error.message, new RegExp(`${included.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2`));
        return true;
      });
      assert.ok((await readFile(config)).equals(before));
      assert.equal((await stat(config)).mtimeMs, beforeStat.mtimeMs);
    } finally {
      await temp.remove();
    }
  });
});
