import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import fc from 'fast-check';
import { BadInputError } from '../../../src/core/errors';
import { addHost } from '../../../src/core/sshConfig/addHost';
import { assertSingleBlockInserted, assertSshResolves, makeTempDir, type RequestedHost } from '../../fixtures/sshConfig/editChecks';

/**
 * Generated configs: Host and Match blocks with wildcard, negated and concrete patterns, global
 * options, comments (inline too), blank and whitespace-only lines, tabs and spaces, `=`
 * separators, quoted values, CRLF or LF per line, with or without a final newline.
 */
const names = ['web', 'db', 'alpha', 'build-1', 'gen', 'x.internal'];
const pattern = fc.oneof(
  fc.constantFrom(...names),
  fc.constantFrom('*', 'w*', '*.internal', '?b', 'al*a', 'build-?'),
  fc.constantFrom(...names).map((name) => `!${name}`),
);
const indent = fc.constantFrom('', ' ', '  ', '    ', '\t', ' \t');
const separator = fc.constantFrom(' ', '=', ' = ', '\t', '  ');
const option = fc.oneof(
  fc.constantFrom('HostName other.example', 'HostName 198.51.100.9', 'User someone', 'Port 2022', 'Port 22'),
  fc.constantFrom('ServerAliveInterval 30', 'ForwardAgent no', 'Compression yes', 'IdentityFile ~/.ssh/id_other', 'LogLevel QUIET'),
  fc.constantFrom('IdentityFile "~/.ssh/with space"', 'SetEnv FOO=bar', 'User "quoted"'),
);
const optionLine = fc.tuple(indent, option, separator, fc.option(fc.constantFrom(' # note', '\t#x', ' #'), { nil: undefined })).map(
  ([ind, text, sep, comment]) => {
    const space = text.indexOf(' ');
    return `${ind}${text.slice(0, space)}${sep}${text.slice(space + 1)}${comment ?? ''}`;
  },
);
const header = fc.oneof(
  fc.tuple(fc.constantFrom('Host', 'host', 'HOST'), separator, fc.array(pattern, { minLength: 1, maxLength: 3 })).map(
    ([keyword, sep, patterns]) => `${keyword}${sep}${patterns.join(' ')}`,
  ),
  fc.constantFrom('Match all', 'Match host *.internal', 'Match exec "true"', 'Match originalhost web', 'Match user root host db'),
);
const filler = fc.constantFrom('', '   ', '\t', '# a comment', '  # indented comment', '#Host commented-out');
const block = fc.tuple(header, fc.array(fc.oneof(optionLine, filler), { maxLength: 4 })).map(([head, body]) => [head, ...body]);
const config = fc
  .tuple(
    fc.array(fc.oneof(optionLine.map((line) => line.trimStart()), filler), { maxLength: 3 }),
    fc.array(block, { maxLength: 5 }),
    fc.constantFrom('\n', '\r\n', 'mixed'),
    fc.boolean(),
  )
  .chain(([globals, blocks, eol, finalNewline]) => {
    const lines = [...globals, ...blocks.flat()];
    return fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length }).map((crlfs) => {
      const endings = lines.map((_, i) => (eol === 'mixed' ? (crlfs[i] ? '\r\n' : '\n') : eol));
      let text = lines.map((line, i) => line + endings[i]).join('');
      if (!finalNewline && text.length > 0) {
        text = text.replace(/\r?\n$/, '');
      }
      return text;
    });
  });
const requested = fc.record({
  alias: fc.constantFrom(...names, 'newhost', 'n3w.internal', 'wonder'),
  hostname: fc.ipV4(),
  user: fc.option(fc.constantFrom('ann', 'deploy', 'u_1'), { nil: undefined }),
  port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
});

describe('addHost property: every generated config keeps its bytes and resolves the new host', () => {
  it('holds (a) byte-exact removal and (b) ssh -G resolution, or refuses an existing alias without a change', async function () {
    this.timeout(120_000);
    const temp = await makeTempDir();
    let added = 0;
    let refused = 0;
    try {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(config, requested, async (text, spec) => {
          const host: RequestedHost = { alias: spec.alias, hostname: spec.hostname };
          if (spec.user !== undefined) host.user = spec.user;
          if (spec.port !== undefined) host.port = spec.port;
          const configFile = path.join(temp.dir, `config-${run++}`);
          await writeFile(configFile, text);
          const original = await readFile(configFile);
          try {
            await addHost(configFile, host, { includeBase: { sshDir: temp.dir, homeDir: temp.dir } });
          } catch (error) {
            if (error instanceof BadInputError && /already exists/.test(error.message)) {
              assert.ok((await readFile(configFile)).equals(original));
              refused++;
              return;
            }
            throw error;
          }
          assertSingleBlockInserted(original, await readFile(configFile), host);
          await assertSshResolves(configFile, host);
          added++;
        }),
        { numRuns: 150 },
      );
    } finally {
      await temp.remove();
    }
    console.log(`      property runs: ${added} added and verified, ${refused} refused as existing aliases`);
    assert.ok(added > 75, `too few runs reached the add (${added})`);
  });
});
