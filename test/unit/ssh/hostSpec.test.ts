import { strict as assert } from 'node:assert';
import {
  formatTarget,
  parseTarget,
  validateAlias,
  validateHostName,
  validateIdentityFile,
  validatePort,
  validateUser,
} from '../../../src/core/ssh/hostSpec';
import { BadInputError } from '../../../src/core/errors';

describe('hostSpec', () => {
  describe('parseTarget', () => {
    const good: [string, ReturnType<typeof parseTarget>][] = [
      ['myserver', { kind: 'alias', alias: 'myserver' }],
      ['build.example.com', { kind: 'alias', alias: 'build.example.com' }],
      ['bob@build.example.com', { kind: 'address', host: 'build.example.com', user: 'bob' }],
      ['bob@10.0.0.5:2222', { kind: 'address', host: '10.0.0.5', user: 'bob', port: 2222 }],
      ['10.0.0.5:22', { kind: 'address', host: '10.0.0.5', port: 22 }],
      ['[::1]:2222', { kind: 'address', host: '::1', port: 2222 }],
      ['ann@[2001:db8::7]', { kind: 'address', host: '2001:db8::7', user: 'ann' }],
      ['2001:db8::7', { kind: 'address', host: '2001:db8::7' }],
      ['svc@corp.example@host', { kind: 'address', host: 'host', user: 'svc@corp.example' }],
      ['ssh://bob@host:2200', { kind: 'address', host: 'host', user: 'bob', port: 2200 }],
    ];
    for (const [text, expected] of good) {
      it(`reads ${text}`, () => {
        assert.deepEqual(parseTarget(text), expected);
      });
    }

    const bad: [string, RegExp][] = [
      ['', /empty/],
      ['-oProxyCommand=touch x', /starts with "-"/],
      ['bob@-host', /starts with "-"/],
      ['-bob@host', /starts with "-"/],
      ['host:0', /out of range/],
      ['host:99999', /out of range/],
      ['host:22x', /not a number/],
      ['host:', /port is empty/],
      ['bob@', /host name is empty/],
      ['[host]:22', /IPv6/],
      ['[::1', /without a matching/],
      ['a b', /whitespace/],
      ['host\nProxyCommand x', /line break/],
      ['ho#st', /"#"/],
      ['ho"st', /quote/],
      ['h$(id)', /contains "\$"|contains "\("/],
      ['host;rm', /";"/],
      ['x'.repeat(600), /too long/],
    ];
    for (const [text, message] of bad) {
      it(`refuses ${JSON.stringify(text.length > 40 ? `${text.slice(0, 20)}…` : text)}`, () => {
        assert.throws(() => parseTarget(text), (error: Error) => error instanceof BadInputError && message.test(error.message));
      });
    }

    it('formats targets back, bracketing IPv6', () => {
      assert.equal(formatTarget(parseTarget('ann@[2001:db8::7]:2200')), 'ann@[2001:db8::7]:2200');
      assert.equal(formatTarget(parseTarget('web')), 'web');
      assert.equal(formatTarget(parseTarget('bob@h:22')), 'bob@h:22');
    });
  });

  describe('validators', () => {
    it('accept ordinary values', () => {
      assert.equal(validateAlias('my-server_2.prod'), undefined);
      assert.equal(validateHostName('build.example.com'), undefined);
      assert.equal(validateHostName('10.1.2.3'), undefined);
      assert.equal(validateHostName('fe80::1'), undefined);
      assert.equal(validateUser('deploy'), undefined);
      assert.equal(validateUser('jane.doe@corp.example'), undefined);
      assert.equal(validatePort('22'), undefined);
      assert.equal(validatePort('65535'), undefined);
      assert.equal(validateIdentityFile('~/.ssh/id_ed25519'), undefined);
      assert.equal(validateIdentityFile('C:\\Users\\Jane Doe\\.ssh\\id_ed25519'), undefined);
    });

    const cases: [string, (v: string) => string | undefined, string, RegExp][] = [
      ['alias', validateAlias, '', /empty/],
      ['alias', validateAlias, 'a b', /whitespace/],
      ['alias', validateAlias, 'a\tb', /control character|whitespace/],
      ['alias', validateAlias, 'a\nHost *', /line break/],
      ['alias', validateAlias, 'a\0b', /NUL/],
      ['alias', validateAlias, 'a#b', /"#"/],
      ['alias', validateAlias, "a'b", /quote/],
      ['alias', validateAlias, 'a=b', /"="/],
      ['alias', validateAlias, '-a', /starts with "-"/],
      ['alias', validateAlias, 'a'.repeat(256), /256 characters/],
      ['alias', validateAlias, 'web*', /wildcard/],
      ['alias', validateAlias, '!web', /negated/],
      ['alias', validateAlias, 'a,b', /list/],
      ['alias', validateAlias, 'bob@web', /"@"/],
      ['alias', validateAlias, 'a%h', /token/],
      ['alias', validateAlias, 'a;b', /";"/],
      ['alias', validateAlias, 'caf\u00e9', /U\+00E9/],
      ['alias', validateAlias, 'a\u007fb', /control character/],
      ['host name', validateHostName, 'a b', /whitespace/],
      ['host name', validateHostName, '[::1]', /brackets/],
      ['host name', validateHostName, 'host:22', /not an IPv6/],
      ['host name', validateHostName, 'h|id', /"\|"/],
      ['user', validateUser, 'a b', /whitespace/],
      ['user', validateUser, '-l', /starts with "-"/],
      ['user', validateUser, 'bob/..', /"\/"/],
      ['port', validatePort, '', /empty/],
      ['port', validatePort, '0', /out of range/],
      ['port', validatePort, '65536', /out of range/],
      ['port', validatePort, '-22', /not a number/],
      ['port', validatePort, ' 22', /not a number/],
      ['port', validatePort, '0x16', /not a number/],
      ['port', validatePort, '22\n', /not a number/],
      ['identity file', validateIdentityFile, '-oProxyCommand=x', /starts with "-"/],
      ['identity file', validateIdentityFile, '~/k\nProxyCommand x', /line break/],
      ['identity file', validateIdentityFile, '~/k%d', /token/],
      ['identity file', validateIdentityFile, '$HOME/k', /environment variable/],
      ['identity file', validateIdentityFile, '~/"k"', /quote/],
      ['identity file', validateIdentityFile, '~/k #x', /"#"/],
      ['identity file', validateIdentityFile, '~/k;rm', /";"/],
      ['identity file', validateIdentityFile, ' ~/k', /whitespace/],
      ['identity file', validateIdentityFile, 'C:\\\\k', /escape/],
    ];
    for (const [what, validate, value, message] of cases) {
      it(`${what}: refuses ${JSON.stringify(value.length > 30 ? `${value.slice(0, 10)}…` : value)} with a message that names the problem`, () => {
        const problem = validate(value);
        assert.ok(problem, 'expected a rejection');
        assert.match(problem, message);
      });
    }
  });
});
