import { strict as assert } from 'node:assert';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import fc from 'fast-check';
import { BadInputError } from '../../../../src/core/errors';
import { addHost } from '../../../../src/core/ssh/config/addHost';
import { assertSingleBlockInserted, assertSshResolves, makeTempDir, type RequestedHost } from '../../../fixtures/sshConfig/editChecks';

/**
 * Generated configs: Host and Match blocks with wildcard, negated and concrete patterns, global
 * options, comments (inline too), blank and whitespace-only lines, tabs and spaces, `=`
 * separators, quoted values, CRLF or LF per line, with or without a final newline, and
 * `Include` lines (global or inside blocks, glob or single file) naming generated side files.
 * `@INC@` stands for the run's own include folder.
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
const includeLine = fc.tuple(indent, fc.constantFrom('Include @INC@/*.conf', 'Include @INC@/f0.conf', 'include=@INC@/f1.conf'));
const bodyLine = (withIncludes: boolean) =>
  withIncludes ? fc.oneof({ arbitrary: optionLine, weight: 4 }, { arbitrary: filler, weight: 2 }, { arbitrary: includeLine.map(([i, l]) => i + l), weight: 1 }) : fc.oneof(optionLine, filler);
const blockOf = (withIncludes: boolean) =>
  fc.tuple(header, fc.array(bodyLine(withIncludes), { maxLength: 4 })).map(([head, body]) => [head, ...body]);
const globalLine = (withIncludes: boolean) => bodyLine(withIncludes).map((line) => line.trimStart());
const configText = (withIncludes: boolean) => fc
  .tuple(
    fc.array(globalLine(withIncludes), { maxLength: 3 }),
    fc.array(blockOf(withIncludes), { maxLength: 5 }),
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
/** The main config, and the side files f0.conf, f1.conf its Includes may name (no Includes of their own). */
const config = fc.record({ main: configText(true), sideFiles: fc.array(configText(false), { maxLength: 2 }) });
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
    let withIncludes = 0;
    try {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(config, requested, async ({ main, sideFiles }, spec) => {
          const host: RequestedHost = { alias: spec.alias, hostname: spec.hostname };
          if (spec.user !== undefined) host.user = spec.user;
          if (spec.port !== undefined) host.port = spec.port;
          const runDir = path.join(temp.dir, `run-${run++}`);
          const includeDir = path.join(runDir, 'inc');
          await mkdir(includeDir, { recursive: true });
          for (const [index, side] of sideFiles.entries()) {
            await writeFile(path.join(includeDir, `f${index}.conf`), side);
          }
          const configFile = path.join(runDir, 'config');
          await writeFile(configFile, main.split('@INC@').join(includeDir));
          if (/Include/i.test(main) && sideFiles.length > 0) withIncludes++;
          const original = await readFile(configFile);
          try {
              await addHost(configFile, host, { includeBase: { sshDir: runDir, homeDir: runDir } });
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
        { numRuns: 200 },
      );
    } finally {
      await temp.remove();
    }
    console.log(
      `      property runs: ${added} added and verified, ${refused} refused as existing aliases; ${withIncludes} configs included side files`,
    );
    assert.ok(added > 100, `too few runs reached the add (${added})`);
  });
});
