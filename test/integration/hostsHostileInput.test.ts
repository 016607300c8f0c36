import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { BadInputError } from '../../src/core/errors';
import { addHost } from '../../src/core/ssh/config/addHost';
import { makeTempDir } from '../fixtures/sshConfig/editChecks';
import { runHostsCli } from '../fixtures/sshConfig/hostsCli';
import { runLoopbackOnly } from '../fixtures/netns/loopbackOnly';

/**
 * Hostile values through the real CLI. Each must give exit 2 with a message, leave the config
 * byte-identical with the same mtime, leave no lock or temp file, and run nothing: MARKER is the
 * file an injected ProxyCommand or `Match exec` would create.
 */
type Case = { field: string; args: (marker: string) => string[]; message: RegExp };

const ok = { alias: 'fine', host: '192.0.2.10' };
const touch = (marker: string) => `touch ${marker}`;

const cases: Case[] = [
  // alias
  { field: 'alias', args: (m) => [`-oProxyCommand=${touch(m)}`, '--hostname', ok.host], message: /Unknown option/ },
  { field: 'alias', args: (m) => ['--hostname', ok.host, '--', `-oProxyCommand=${touch(m)}`], message: /alias starts with "-"/ },
  { field: 'alias', args: (m) => [`evil\nProxyCommand ${touch(m)}`, '--hostname', ok.host], message: /alias contains a line break/ },
  { field: 'alias', args: (m) => [`evil\n  ProxyCommand ${touch(m)}`, '--hostname', ok.host], message: /alias contains a line break/ },
  { field: 'alias', args: (m) => [`evil\r\nMatch exec "${touch(m)}"`, '--hostname', ok.host], message: /alias contains a line break/ },
  { field: 'alias', args: (m) => [`evil ProxyCommand=${touch(m)}`, '--hostname', ok.host], message: /alias contains whitespace/ },
  { field: 'alias', args: () => ['evil#x', '--hostname', ok.host], message: /alias contains "#"/ },
  { field: 'alias', args: () => ['ev"il', '--hostname', ok.host], message: /alias contains a quote/ },
  { field: 'alias', args: () => ['evil=ProxyCommand', '--hostname', ok.host], message: /alias contains "="/ },
  { field: 'alias', args: () => ['*', '--hostname', ok.host], message: /wildcard/ },
  { field: 'alias', args: () => ['!victim', '--hostname', ok.host], message: /negated/ },
  { field: 'alias', args: () => ['%h', '--hostname', ok.host], message: /token/ },
  { field: 'alias', args: (m) => [`$(${touch(m)})`, '--hostname', ok.host], message: /alias contains "\$"|alias contains whitespace/ },
  { field: 'alias', args: (m) => [`\`${touch(m)}\``, '--hostname', ok.host], message: /alias contains whitespace|quote/ },
  { field: 'alias', args: (m) => [`a;${touch(m).replace(' ', '${IFS}')}`, '--hostname', ok.host], message: /alias contains ";"/ },
  { field: 'alias', args: () => ['a|id', '--hostname', ok.host], message: /alias contains "\|"/ },
  { field: 'alias', args: () => ['a&&id', '--hostname', ok.host], message: /alias contains "&"/ },
  { field: 'alias', args: () => ['a'.repeat(300), '--hostname', ok.host], message: /alias is 300 characters long/ },
  { field: 'alias', args: () => ['a'.repeat(100_000), '--hostname', ok.host], message: /alias is 100000 characters long/ },
  { field: 'alias', args: () => ['victim', '--hostname', ok.host], message: /"victim" already exists: .*config line 2/ },
  { field: 'alias', args: () => ['VICTIM', '--hostname', ok.host], message: /already exists/ },
  { field: 'alias', args: () => ['', '--hostname', ok.host], message: /alias is empty/ },
  { field: 'alias', args: () => ['a\tb', '--hostname', ok.host], message: /alias contains whitespace/ },
  { field: 'alias', args: () => ['a\u001b[31mred', '--hostname', ok.host], message: /alias contains a control character/ },
  // host name
  { field: 'hostname', args: (m) => [ok.alias, `--hostname=-oProxyCommand=${touch(m)}`], message: /host name starts with "-"/ },
  { field: 'hostname', args: (m) => [ok.alias, '--hostname', `-oProxyCommand=${touch(m)}`], message: /--hostname needs a value, but the next argument looks like an option/ },
  { field: 'hostname', args: (m) => [ok.alias, '--hostname', `h\nProxyCommand ${touch(m)}`], message: /host name contains a line break/ },
  { field: 'hostname', args: () => [ok.alias, '--hostname', '%h.example'], message: /host name contains "%"/ },
  { field: 'hostname', args: (m) => [ok.alias, '--hostname', `h;${touch(m)}`], message: /host name contains whitespace|host name contains ";"/ },
  { field: 'hostname', args: (m) => [ok.alias, '--hostname', `h$(${touch(m)})`], message: /host name contains/ },
  { field: 'hostname', args: () => [ok.alias, '--hostname', '[::1]'], message: /brackets/ },
  { field: 'hostname', args: () => [ok.alias, '--hostname', 'host:22'], message: /not an IPv6/ },
  { field: 'hostname', args: () => [ok.alias, '--hostname', 'h'.repeat(256)], message: /host name is 256 characters/ },
  { field: 'hostname', args: () => [ok.alias, '--hostname', 'two words'], message: /host name contains whitespace/ },
  // user
  { field: 'user', args: (m) => [ok.alias, '--hostname', ok.host, `--user=-oProxyCommand=${touch(m)}`], message: /user name starts with "-"/ },
  { field: 'user', args: (m) => [ok.alias, '--hostname', ok.host, '--user', `root\nProxyCommand ${touch(m)}`], message: /user name contains a line break/ },
  { field: 'user', args: () => [ok.alias, '--hostname', ok.host, '--user', '%u'], message: /user name contains "%"/ },
  { field: 'user', args: () => [ok.alias, '--hostname', ok.host, '--user', 'ro ot'], message: /user name contains whitespace/ },
  { field: 'user', args: () => [ok.alias, '--hostname', ok.host, '--user', 'root;id'], message: /user name contains ";"/ },
  { field: 'user', args: () => [ok.alias, '--hostname', ok.host, '--user', "u'x"], message: /user name contains a quote/ },
  // port
  { field: 'port', args: () => [ok.alias, '--hostname', ok.host, '--port', '0'], message: /out of range/ },
  { field: 'port', args: () => [ok.alias, '--hostname', ok.host, '--port', '65536'], message: /out of range/ },
  { field: 'port', args: (m) => [ok.alias, '--hostname', ok.host, '--port', `22 -oProxyCommand=${touch(m)}`], message: /not a number/ },
  { field: 'port', args: (m) => [ok.alias, '--hostname', ok.host, '--port', `22\nProxyCommand ${touch(m)}`], message: /not a number/ },
  { field: 'port', args: () => [ok.alias, '--hostname', ok.host, '--port=-1'], message: /not a number/ },
  { field: 'port', args: () => [ok.alias, '--hostname', ok.host, '--port', '0x16'], message: /not a number/ },
  { field: 'port', args: () => [ok.alias, '--hostname', ok.host, '--port', '%p'], message: /not a number/ },
  { field: 'port', args: () => [ok.alias, '--hostname', ok.host, '--port', '9'.repeat(400)], message: /out of range/ },
  // identity file
  { field: 'identity-file', args: (m) => [ok.alias, '--hostname', ok.host, `--identity-file=-oProxyCommand=${touch(m)}`], message: /identity file starts with "-"/ },
  { field: 'identity-file', args: (m) => [ok.alias, '--hostname', ok.host, '--identity-file', `~/.ssh/id\nProxyCommand ${touch(m)}`], message: /identity file contains a line break/ },
  { field: 'identity-file', args: (m) => [ok.alias, '--hostname', ok.host, '--identity-file', `~/.ssh/id\r\nMatch exec "${touch(m)}"`], message: /identity file contains a line break/ },
  { field: 'identity-file', args: () => [ok.alias, '--hostname', ok.host, '--identity-file', '~/.ssh/%d'], message: /identity file contains "%"/ },
  { field: 'identity-file', args: () => [ok.alias, '--hostname', ok.host, '--identity-file', '$HOME/.ssh/id'], message: /environment variable/ },
  { field: 'identity-file', args: () => [ok.alias, '--hostname', ok.host, '--identity-file', '~/.ssh/"id"'], message: /quote/ },
  { field: 'identity-file', args: (m) => [ok.alias, '--hostname', ok.host, '--identity-file', `~/.ssh/id;${touch(m)}`], message: /identity file contains ";"/ },
  { field: 'identity-file', args: (m) => [ok.alias, '--hostname', ok.host, '--identity-file', `~/.ssh/\`${touch(m)}\``], message: /quote/ },
  { field: 'identity-file', args: () => [ok.alias, '--hostname', ok.host, '--identity-file', `/k/${'x'.repeat(5000)}`], message: /at most 4096/ },
  // issue 11 part 5: control and bidirectional-override characters, like the other fields
  { field: 'identity-file', args: () => [ok.alias, '--hostname', ok.host, '--identity-file', '~/.ssh/id\x1b[2J'], message: /identity file contains a control character/ },
  { field: 'identity-file', args: () => [ok.alias, '--hostname', ok.host, '--identity-file', '~/.ssh/id\u009b31m'], message: /identity file contains a control character \(U\+009B\)/ },
  { field: 'identity-file', args: () => [ok.alias, '--hostname', ok.host, '--identity-file', '~/.ssh/\u202egpj.di'], message: /identity file contains a bidirectional text control \(U\+202E\)/ },
  { field: 'identity-file', args: () => [ok.alias, '--hostname', ok.host, '--identity-file', '~/.ssh/id\u2066x\u2069'], message: /bidirectional text control \(U\+2066\)/ },
  { field: 'host', args: () => [ok.alias, '--hostname', 'evil\u202ecom.example'], message: /host name contains a bidirectional text control \(U\+202E\)/ },
  // command shape
  { field: 'command', args: () => [ok.alias], message: /needs --hostname/ },
  { field: 'command', args: () => [ok.alias, 'second', '--hostname', ok.host], message: /one ALIAS/ },
  { field: 'command', args: (m) => [ok.alias, '--hostname', ok.host, '--proxy-command', touch(m)], message: /Unknown option/ },
];

const dockerHostCases: [string, RegExp][] = [
  ['-oProxyCommand=touch MARKER', /Unknown option '-o'/],
  ['--', /needs a TARGET/],
  ['bob@-oProxyCommand=x', /host name starts with "-"/],
  ['-bob@host', /Unknown option '-b'/],
  ['host\nProxyCommand x', /line break/],
  ['host;id', /";"/],
  ['[::1', /matching/],
];

async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('hosts add: hostile input through the real CLI', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let configFile: string;
  let marker: string;
  let original: Buffer;
  let originalMtime: number;
  let originalListing: string[];

  before(async () => {
    temp = await makeTempDir('rds-hostile-');
    configFile = path.join(temp.dir, 'config');
    marker = path.join(temp.dir, 'MARKER');
    await writeFile(configFile, '# keep me\r\nHost victim\r\n    HostName 192.0.2.99\r\n\r\nHost *\r\n    ServerAliveInterval 30\r\n', { mode: 0o600 });
    original = await readFile(configFile);
    originalMtime = (await stat(configFile)).mtimeMs;
    originalListing = await listDir(temp.dir);
  });

  after(async () => {
    await temp.remove();
  });

  it(`refuses all ${cases.length} hostile adds with exit 2, a message, and no change`, async function () {
    this.timeout(300_000);
    assert.ok(cases.length >= 30);
    const failures: string[] = [];
    // Four at a time: the machine is shared, and each case is its own node process.
    const queue = [...cases.entries()];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [index, hostileCase] = next;
          const args = ['hosts', 'add', '--config', configFile, ...hostileCase.args(marker)];
          const result = await runHostsCli(args);
          const label = `#${index} ${hostileCase.field} ${JSON.stringify(args.slice(4, 8)).slice(0, 120)}`;
          if (result.exitCode !== 2) failures.push(`${label}: exit ${result.exitCode}, stderr ${result.stderr}`);
          else if (!hostileCase.message.test(result.stderr)) failures.push(`${label}: message ${JSON.stringify(result.stderr)}`);
          else if (result.stdout.length > 0) failures.push(`${label}: printed ${JSON.stringify(result.stdout)}`);
        }
      }),
    );
    assert.deepEqual(failures, []);
    assert.ok((await readFile(configFile)).equals(original), 'the config changed');
    assert.equal((await stat(configFile)).mtimeMs, originalMtime, 'the config mtime changed');
    assert.deepEqual(await listDir(temp.dir), originalListing, 'a lock, temp or backup file was left behind');
    assert.ok(!existsSync(marker), 'an injected command ran');

    // ssh itself reads the file (and would run any injected `Match exec`): still nothing runs.
    const resolved = await runLoopbackOnly('ssh', ['-G', '-F', configFile, '--', 'victim'], { timeoutMs: 15_000 });
    assert.equal(resolved.exitCode, 0, resolved.stderr);
    assert.ok(!existsSync(marker), 'an injected command ran under ssh -G');
  });

  it(`refuses ${dockerHostCases.length} hostile docker-host targets with exit 2`, async function () {
    this.timeout(120_000);
    for (const [target, message] of dockerHostCases) {
      const result = await runHostsCli(['docker-host', '--config', configFile, target.replace('MARKER', marker)]);
      assert.equal(result.exitCode, 2, `${JSON.stringify(target)}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    const afterDash = await runHostsCli(['docker-host', '--config', configFile, '--', `-oProxyCommand=touch ${marker}`]);
    assert.equal(afterDash.exitCode, 2);
    assert.match(afterDash.stderr, /starts with "-"/);
    assert.ok((await readFile(configFile)).equals(original));
    assert.ok(!existsSync(marker));
  });

  it('refuses NUL bytes at the API (argv cannot carry them) without a change', async () => {
    for (const spec of [
      { alias: 'a\0ProxyCommand x', hostname: ok.host },
      { alias: ok.alias, hostname: 'h\0x' },
      { alias: ok.alias, hostname: ok.host, user: 'u\0x' },
      { alias: ok.alias, hostname: ok.host, port: '22\0' },
      { alias: ok.alias, hostname: ok.host, identityFile: '/k\0x' },
    ]) {
      await assert.rejects(addHost(configFile, spec), BadInputError);
    }
    assert.ok((await readFile(configFile)).equals(original));
    assert.equal((await stat(configFile)).mtimeMs, originalMtime);
  });

  it('the marker check can see a command run: a real Match exec in a config does create it (control)', async () => {
    const control = path.join(temp.dir, 'control-config');
    const controlMarker = path.join(temp.dir, 'CONTROL-MARKER');
    await writeFile(control, `Match exec "touch ${controlMarker}"\n  User x\n`);
    try {
      await runLoopbackOnly('ssh', ['-G', '-F', control, '--', 'anything'], { timeoutMs: 15_000 });
      assert.ok(existsSync(controlMarker), 'ssh -G should have run the Match exec command');
    } finally {
      const { rm } = await import('node:fs/promises');
      await rm(control, { force: true });
      await rm(controlMarker, { force: true });
    }
  });
});
