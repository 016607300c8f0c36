import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { addHost } from '../../../../src/core/ssh/config/addHost';
import { removeAddedHost } from '../../../../src/core/ssh/config/removeAddedHost';
import { isBadInput } from '../../../../src/core/errors';
import { configFixtures, writeFixture } from '../../../fixtures/sshConfig/configFixtures';
import { makeTempDir } from '../../../fixtures/sshConfig/editChecks';

describe('removeAddedHost: the ssh config restored byte for byte', () => {
  for (const fixture of configFixtures) {
    it(`add then remove: ${fixture.name}`, async () => {
      const temp = await makeTempDir();
      try {
        const configFile = await writeFixture(fixture, temp.dir);
        const original = await readFile(configFile).catch(() => Buffer.alloc(0));
        const added = await addHost(configFile, fixture.host, { includeBase: { sshDir: temp.dir, homeDir: temp.dir } });
        assert.ok(!(await readFile(added.inserted.file)).equals(original), 'the add changed the file');
        await removeAddedHost(added.inserted);
        assert.ok((await readFile(added.inserted.file)).equals(original), 'every byte is back as it was');
      } finally {
        await temp.remove();
      }
    });
  }

  it('keeps what the user changed elsewhere since, and finds the block after lines above it moved', async () => {
    const temp = await makeTempDir();
    try {
      const configFile = path.join(temp.dir, 'config');
      await writeFile(configFile, 'Host a\n  HostName a.example\n\nHost *\n  ServerAliveInterval 30\n');
      const added = await addHost(configFile, { alias: 'b', hostname: '192.0.2.7', port: 2222 });
      const withOurs = await readFile(configFile, 'latin1');
      await writeFile(configFile, `# a comment the user wrote later\n${withOurs}Host z\n  HostName z.example\n`, 'latin1');
      await removeAddedHost(added.inserted);
      assert.equal(
        await readFile(configFile, 'latin1'),
        '# a comment the user wrote later\nHost a\n  HostName a.example\n\nHost *\n  ServerAliveInterval 30\nHost z\n  HostName z.example\n',
      );
    } finally {
      await temp.remove();
    }
  });

  it('changes nothing when our block was edited', async () => {
    const temp = await makeTempDir();
    try {
      const configFile = path.join(temp.dir, 'config');
      await writeFile(configFile, 'Host a\n  HostName a.example\n');
      const added = await addHost(configFile, { alias: 'b', hostname: '192.0.2.7' });
      const edited = (await readFile(configFile, 'latin1')).replace('HostName 192.0.2.7', 'HostName 192.0.2.8');
      await writeFile(configFile, edited, 'latin1');
      await assert.rejects(removeAddedHost(added.inserted), (error: unknown) => isBadInput(error) && /edited/.test((error as Error).message));
      assert.equal(await readFile(configFile, 'latin1'), edited);
    } finally {
      await temp.remove();
    }
  });
});
