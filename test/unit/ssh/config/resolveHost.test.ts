import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { BadInputError } from '../../../../src/core/errors';
import { resolveHost, SshConfigError } from '../../../../src/core/ssh/config/resolveHost';
import { configPathFromOption, defaultSshConfigPath, sshHomeDir } from '../../../../src/core/ssh/config/paths';
import { makeTempDir } from '../../../fixtures/sshConfig/editChecks';

describe('resolveHost (real ssh -G)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let config: string;

  before(async () => {
    temp = await makeTempDir();
    config = path.join(temp.dir, 'config');
    await writeFile(
      config,
      [
        'Host web',
        '  HostName 192.0.2.40',
        '  User deploy',
        '  Port 2240',
        '  IdentityFile /keys/web_ed25519',
        'Host *.corp',
        '  User corpuser',
        'Host *',
        '  IdentityFile /keys/default',
        '',
      ].join('\n'),
    );
  });

  after(async () => {
    await temp.remove();
  });

  it('reads HostName, User, Port and every IdentityFile of an alias, in ssh order', async () => {
    const resolved = await resolveHost(config, 'web');
    assert.deepEqual(resolved, {
      alias: 'web',
      hostname: '192.0.2.40',
      user: 'deploy',
      port: 2240,
      identityFiles: ['/keys/web_ed25519', '/keys/default'],
    });
  });

  it('applies patterns to a plain name, and lets -l/-p of an address win over the config', async () => {
    const corp = await resolveHost(config, 'build.corp');
    assert.equal(corp.user, 'corpuser');
    assert.equal(corp.hostname, 'build.corp');
    const address = await resolveHost(config, 'ann@build.corp:2201');
    assert.equal(address.user, 'ann');
    assert.equal(address.port, 2201);
    assert.equal(address.alias, undefined);
    const v6 = await resolveHost(config, '[2001:db8::9]:2202');
    assert.equal(v6.hostname, '2001:db8::9');
    assert.equal(v6.port, 2202);
  });

  it('treats a missing config as no config', async () => {
    const resolved = await resolveHost(path.join(temp.dir, 'absent'), 'web');
    assert.equal(resolved.hostname, 'web');
    assert.equal(resolved.port, 22);
  });

  it('reports a config ssh cannot read as SshConfigError with ssh\'s own words', async () => {
    const broken = path.join(temp.dir, 'broken');
    await writeFile(broken, 'Host web\n  NoSuchOption yes\n');
    await assert.rejects(resolveHost(broken, 'web'), (error: Error) => {
      assert.ok(error instanceof SshConfigError);
      assert.match(error.message, /terminating|Bad configuration option/);
      return true;
    });
  });

  it('refuses a target that could become an option before running ssh', async () => {
    await assert.rejects(resolveHost(config, '-oProxyCommand=touch /tmp/x'), BadInputError);
    await assert.rejects(resolveHost(config, 'bob@-oProxyCommand=x'), BadInputError);
  });
});

describe('configPathFromOption', () => {
  it('defaults to ~/.ssh/config, expands a leading ~ and makes relative paths absolute', () => {
    assert.equal(configPathFromOption(undefined), defaultSshConfigPath());
    assert.equal(configPathFromOption(''), defaultSshConfigPath());
    assert.equal(configPathFromOption('~/.ssh/work'), path.join(sshHomeDir(), '.ssh', 'work'));
    assert.equal(configPathFromOption('rel/config'), path.resolve('rel/config'));
    assert.equal(configPathFromOption('/abs/config'), '/abs/config');
  });
});
