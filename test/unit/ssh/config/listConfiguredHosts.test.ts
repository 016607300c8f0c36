import { strict as assert } from 'node:assert';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { BadInputError } from '../../../../src/core/errors';
import { addHost } from '../../../../src/core/ssh/config/addHost';
import { listConfiguredHosts } from '../../../../src/core/ssh/config/configFiles';
import { splitArguments, splitConfigLines } from '../../../../src/core/ssh/config/configLines';
import { hostLineMatches } from '../../../../src/core/ssh/config/hostPatterns';
import { segmentMatcher } from '../../../../src/core/ssh/config/includeGlob';
import { makeTempDir } from '../../../fixtures/sshConfig/editChecks';

async function put(dir: string, relative: string, content: string): Promise<string> {
  const file = path.join(dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

describe('reading ssh configs', () => {
  describe('line splitting (OpenSSH readconf rules)', () => {
    it('splits keyword and arguments with =, quotes, escapes and comments, keeping offsets', () => {
      const text = 'Host=a b # c\r\n  HostName = "x y"\n\tIdentityFile "~/k\\"q"\n# note\n   \nUser bob';
      const lines = splitConfigLines(text);
      assert.equal(lines.length, 6);
      assert.deepEqual(
        lines.map((line) => [line.keyword, line.args]),
        [
          ['host', ['a', 'b']],
          ['hostname', ['x y']],
          ['identityfile', ['~/k"q']],
          [undefined, []],
          [undefined, []],
          ['user', ['bob']],
        ],
      );
      assert.deepEqual(lines.map((line) => line.eol), ['\r\n', '\n', '\n', '\n', '\n', '']);
      assert.equal(lines.map((line) => text.slice(line.start, line.end)).join(''), text);
    });

    it('reads a quoted keyword as ssh does', () => {
      const [line] = splitConfigLines('"Host" web *.corp\n');
      assert.equal(line.keyword, 'host');
      assert.deepEqual(line.args, ['web', '*.corp']);
    });

    it('marks an unterminated quote as malformed', () => {
      assert.equal(splitArguments('"abc').malformed, true);
      assert.deepEqual(splitArguments("a 'b c' d#e #f").args, ['a', 'b c', 'd#e']);
    });

    it('matches Host lines as ssh does: wildcards, case, negation, no comma lists', () => {
      assert.ok(hostLineMatches(['*'], 'web'));
      // Case-sensitive, as OpenSSH's readconf.c (`ssh -G WEB` ignores `Host web`; see hostPatterns.test.ts).
      assert.ok(hostLineMatches(['web?'], 'web1'));
      assert.ok(!hostLineMatches(['WEB?'], 'web1'));
      assert.ok(hostLineMatches(['a', '*.internal'], 'db.internal'));
      assert.ok(!hostLineMatches(['*', '!web'], 'web'));
      assert.ok(!hostLineMatches(['a,web'], 'web'));
      assert.ok(!hostLineMatches(['!web'], 'other'));
    });

    it('matches glob segments like glob(3)', () => {
      assert.ok(segmentMatcher('[!.]*').test('work'));
      assert.ok(!segmentMatcher('[!.]*').test('.hidden'));
      assert.ok(segmentMatcher('*.conf').test('a.conf'));
      assert.ok(!segmentMatcher('*.conf').test('a.confx'));
      assert.ok(segmentMatcher('file?').test('file1'));
    });
  });

  describe('listConfiguredHosts', () => {
    it('lists concrete aliases in ssh read order, following glob, relative and nested Includes', async () => {
      const temp = await makeTempDir();
      try {
        const sshDir = path.join(temp.dir, 'dot-ssh');
        const config = await put(
          temp.dir,
          'config',
          [
            'Host first second *.wild !neg',
            '  HostName f',
            `Include ${temp.dir}/conf.d/*.conf`,
            'Include relative/*',
            'Match host x',
            '  User y',
            'host lower # comment',
            '',
          ].join('\n'),
        );
        await put(temp.dir, 'conf.d/b.conf', `Host from-b\nInclude ${temp.dir}/nested/deep\n`);
        await put(temp.dir, 'conf.d/a.conf', 'Host from-a\n');
        await put(temp.dir, 'conf.d/.hidden.conf', 'Host hidden\n');
        await put(temp.dir, 'conf.d/skip.txt', 'Host skipped\n');
        await put(temp.dir, 'nested/deep', 'Host=from-deep\r\n');
        await put(sshDir, 'relative/one', 'Host from-relative\n');
        const hosts = await listConfiguredHosts(config, { includeBase: { sshDir, homeDir: temp.dir } });
        assert.deepEqual(
          hosts.map((host) => host.alias),
          ['first', 'second', 'from-a', 'from-b', 'from-deep', 'from-relative', 'lower'],
        );
        assert.deepEqual(hosts[3], { alias: 'from-b', file: path.join(temp.dir, 'conf.d/b.conf'), line: 1 });
        assert.deepEqual(hosts[6], { alias: 'lower', file: config, line: 7 });
      } finally {
        await temp.remove();
      }
    });

    it('expands ~ in Include against the given home', async () => {
      const temp = await makeTempDir();
      try {
        const config = await put(temp.dir, 'config', 'Include ~/extra/*\n');
        await put(temp.dir, 'extra/x', 'Host tilde\n');
        const hosts = await listConfiguredHosts(config, { includeBase: { sshDir: temp.dir, homeDir: temp.dir } });
        assert.deepEqual(hosts.map((host) => host.alias), ['tilde']);
      } finally {
        await temp.remove();
      }
    });

    it('stops Include cycles and returns nothing for a missing file', async () => {
      const temp = await makeTempDir();
      try {
        const config = await put(temp.dir, 'config', `Host top\nInclude ${temp.dir}/loop/*\n`);
        await put(temp.dir, 'loop/a', `Host in-a\nInclude ${temp.dir}/loop/*\nInclude ${temp.dir}/config\n`);
        await put(temp.dir, 'loop/b', `Host in-b\nInclude ${temp.dir}/loop/*\n`);
        const hosts = await listConfiguredHosts(config, { includeBase: { sshDir: temp.dir, homeDir: temp.dir } });
        assert.ok(hosts.length < 200, `cycle produced ${hosts.length} entries`);
        assert.deepEqual([...new Set(hosts.map((host) => host.alias))].sort(), ['in-a', 'in-b', 'top']);
        assert.deepEqual(await listConfiguredHosts(path.join(temp.dir, 'nope')), []);
      } finally {
        await temp.remove();
      }
    });
  });
});

describe('a config path that is a folder', () => {
  it('is bad input for list and add, and nothing is written', async () => {
    const temp = await makeTempDir();
    try {
      await assert.rejects(listConfiguredHosts(temp.dir), (error: Error) => error instanceof BadInputError && /is a folder/.test(error.message));
      await assert.rejects(addHost(temp.dir, { alias: 'a', hostname: '192.0.2.1' }), (error: Error) => error instanceof BadInputError && /is a folder/.test(error.message));
      assert.deepEqual(await readdir(temp.dir), []);
    } finally {
      await temp.remove();
    }
  });
});
