import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { configFixtures, writeFixture } from '../fixtures/sshConfig/configFixtures';
import { assertSingleBlockInserted, assertSshResolves, makeTempDir } from '../fixtures/sshConfig/editChecks';
import { runHostsCli } from '../fixtures/sshConfig/hostsCli';

function addArgs(configFile: string, host: (typeof configFixtures)[number]['host']): string[] {
  const args = ['hosts', 'add', host.alias, '--hostname', host.hostname, '--config', configFile];
  if (host.user !== undefined) args.push('--user', host.user);
  if (host.port !== undefined) args.push('--port', String(host.port));
  if (host.identityFile !== undefined) args.push('--identity-file', host.identityFile);
  return args;
}

describe('remote-docker-ssh hosts / docker-host (real CLI process)', () => {
  it(`hosts add on each of the ${configFixtures.length} hand-made configs: exit 0, (a) and (b) hold`, async function () {
    this.timeout(300_000);
    const temp = await makeTempDir('rds-cli-');
    try {
      for (const fixture of configFixtures) {
        const dir = path.join(temp.dir, fixture.name.replace(/[^a-z0-9]+/gi, '-'));
        const configFile = await writeFixture(fixture, dir);
        const original = await readFile(configFile).catch(() => Buffer.alloc(0));
        const result = await runHostsCli(addArgs(configFile, fixture.host));
        assert.equal(result.exitCode, 0, `${fixture.name}: ${result.stderr}`);
        assert.match(result.stdout, new RegExp(`Added host "${fixture.host.alias.replace('.', '\\.')}" to .* at line \\d+\\.`));
        assert.match(result.stdout, /ssh resolves/, `${fixture.name}: the CLI checks the result with ssh -G`);
        assertSingleBlockInserted(original, await readFile(configFile), fixture.host);
        await assertSshResolves(configFile, fixture.host);
      }
    } finally {
      await temp.remove();
    }
  });

  it('hosts list prints aliases with file and line, as text and as JSON', async function () {
    this.timeout(60_000);
    const temp = await makeTempDir('rds-cli-');
    try {
      const configFile = path.join(temp.dir, 'config');
      const included = path.join(temp.dir, 'work.conf');
      await writeFile(configFile, `Host alpha beta *.wild\n  HostName a\nInclude ${temp.dir}/*.conf\n`);
      await writeFile(included, 'Host gamma\n');
      const text = await runHostsCli(['hosts', 'list', '--config', configFile]);
      assert.equal(text.exitCode, 0, text.stderr);
      assert.equal(text.stdout, `alpha  ${configFile}:1\nbeta   ${configFile}:1\ngamma  ${included}:1\n`);
      const json = await runHostsCli(['hosts', 'list', '--json', '--config', configFile]);
      assert.equal(json.exitCode, 0);
      assert.deepEqual(JSON.parse(json.stdout), [
        { alias: 'alpha', file: configFile, line: 1 },
        { alias: 'beta', file: configFile, line: 1 },
        { alias: 'gamma', file: included, line: 1 },
      ]);
      const missing = await runHostsCli(['hosts', 'list', '--config', path.join(temp.dir, 'none')]);
      assert.equal(missing.exitCode, 0);
      assert.match(missing.stdout, /No hosts/);
      const bad = await runHostsCli(['hosts', 'list', 'extra', '--config', configFile]);
      assert.equal(bad.exitCode, 2);
      const unknown = await runHostsCli(['hosts', 'remove', 'x']);
      assert.equal(unknown.exitCode, 2);
      assert.match(unknown.stderr, /unknown action "remove"/);
    } finally {
      await temp.remove();
    }
  });

  it('docker-host prints DOCKER_HOST and the settings of each Docker extension generation', async function () {
    this.timeout(60_000);
    const temp = await makeTempDir('rds-cli-');
    try {
      const configFile = path.join(temp.dir, 'config');
      await writeFile(configFile, 'Host buildbox\n  HostName 10.0.0.9\n  User deploy\n');
      const text = await runHostsCli(['docker-host', 'buildbox', '--config', configFile]);
      assert.equal(text.exitCode, 0, text.stderr);
      assert.match(text.stdout, /^DOCKER_HOST=ssh:\/\/buildbox\n/);
      assert.match(text.stdout, /"containers\.environment": \{"DOCKER_HOST":"ssh:\/\/buildbox"\}/);
      assert.match(text.stdout, /"docker\.environment": \{"DOCKER_HOST":"ssh:\/\/buildbox"\}/);
      assert.match(text.stdout, /"docker\.host": "ssh:\/\/buildbox"/);
      assert.match(text.stdout, /"docker\.explorerRefreshInterval": 3000/);
      assert.match(text.stderr, /docker runs ssh without -F/, 'an alias from a non-default config is flagged');

      const json = await runHostsCli(['docker-host', 'ann@[2001:db8::5]:2200', '--json', '--config', configFile]);
      assert.equal(json.exitCode, 0, json.stderr);
      const parsed = JSON.parse(json.stdout);
      assert.equal(parsed.dockerHost, 'ssh://ann@[2001:db8::5]:2200');
      assert.deepEqual(parsed.warnings, []);
      assert.deepEqual(
        parsed.generations.map((g: { generation: string; settings: { key: string }[] }) => [g.generation, g.settings.map((s) => s.key)]),
        [
          ['containers', ['containers.environment']],
          ['docker-environment', ['docker.environment']],
          ['docker-host', ['docker.host', 'docker.explorerRefreshInterval']],
        ],
      );
      const none = await runHostsCli(['docker-host', '--config', configFile]);
      assert.equal(none.exitCode, 2);
    } finally {
      await temp.remove();
    }
  });
});
