import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDoctorTarget, sshDestinationArgs, dockerHostForTarget } from '../../../src/core/ssh/doctorTarget';
import { BadInputError } from '../../../src/core/errors';

describe('doctor target', () => {
  it('reads aliases and [user@]host[:port]', () => {
    assert.deepEqual(parseDoctorTarget('build-box'), { kind: 'alias', alias: 'build-box' });
    assert.deepEqual(parseDoctorTarget('ann@10.0.0.5:2222'), { kind: 'address', host: '10.0.0.5', user: 'ann', port: 2222 });
    assert.deepEqual(parseDoctorTarget('ann@host.example'), { kind: 'address', host: 'host.example', user: 'ann' });
    assert.deepEqual(parseDoctorTarget('[::1]:22'), { kind: 'address', host: '::1', port: 22 });
  });

  it('refuses anything that could become an ssh option or break a line', () => {
    for (const bad of ['', '-oProxyCommand=touch /tmp/x', '-p', 'a b', 'a\nb', 'host#1', "o'neil@h", 'h:0', 'h:65536', 'h:22x', '@h', 'u@', 'u@-h', '-u@h', '[::1', 'h\\x']) {
      assert.throws(() => parseDoctorTarget(bad), (error: unknown) => error instanceof BadInputError && error.code === 'bad-target', bad);
    }
  });

  it('never lets any accepted target reach ssh before "--"', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let args: string[];
        try {
          args = sshDestinationArgs(parseDoctorTarget(text));
        } catch (error) {
          return error instanceof BadInputError;
        }
        const dash = args.indexOf('--');
        // Options before "--" are ours (-l/-p with validated values); the destination follows it and is not an option.
        return dash === args.length - 2 && !args[dash + 1].startsWith('-') && !/\s/.test(args[dash + 1]);
      }),
      { numRuns: 2000 },
    );
  });

  it('builds the ssh arguments and the DOCKER_HOST value', () => {
    assert.deepEqual(sshDestinationArgs(parseDoctorTarget('ann@h:2222')), ['-l', 'ann', '-p', '2222', '--', 'h']);
    assert.deepEqual(sshDestinationArgs(parseDoctorTarget('box')), ['--', 'box']);
    assert.equal(dockerHostForTarget(parseDoctorTarget('box')), 'ssh://box');
    assert.equal(dockerHostForTarget(parseDoctorTarget('ann@h:2222')), 'ssh://ann@h:2222');
    assert.equal(dockerHostForTarget(parseDoctorTarget('[::1]:2222')), 'ssh://[::1]:2222');
  });
});
