import assert from 'node:assert/strict';
import { parseRemoteProbe, remoteProbeScript } from '../../../src/core/doctor/remoteProbe';

describe('remote probe', () => {
  it('parses a healthy run, ignoring noise from login files', () => {
    const probe = parseRemoteProbe(
      ['Welcome!', 'rds-probe:start', 'rds-probe:user:ann', 'rds-probe:groups:users docker', 'rds-probe:docker-host:unix:///tmp/d.sock', 'rds-probe:cli:/usr/bin/docker', 'rds-probe:engine-begin', 'rds-probe:versions:28.2.2|20.10.24', 'rds-probe:engine-exit:0', 'rds-probe:end', ''].join('\n'),
    );
    assert.equal(probe.complete, true);
    assert.equal(probe.user, 'ann');
    assert.deepEqual(probe.groups, ['users', 'docker']);
    assert.equal(probe.dockerHost, 'unix:///tmp/d.sock');
    assert.equal(probe.cliPath, '/usr/bin/docker');
    assert.equal(probe.clientVersion, '28.2.2');
    assert.equal(probe.serverVersion, '20.10.24');
    assert.equal(probe.engineExit, 0);
    assert.equal(probe.engineOutput, '');
  });

  it('keeps the engine error text and notices a missing CLI', () => {
    const down = parseRemoteProbe('rds-probe:start\nrds-probe:cli:/usr/bin/docker\nrds-probe:engine-begin\nrds-probe:versions:28.2.2|\nCannot connect to the Docker daemon at unix:///x. Is the docker daemon running?\nrds-probe:engine-exit:1\nrds-probe:end\n');
    assert.equal(down.serverVersion, undefined);
    assert.equal(down.engineExit, 1);
    assert.match(down.engineOutput, /Cannot connect/);
    const missing = parseRemoteProbe('rds-probe:start\nrds-probe:cli-missing\nrds-probe:end\n');
    assert.equal(missing.cliPath, undefined);
    assert.equal(missing.complete, true);
    assert.equal(parseRemoteProbe('').started, false);
  });

  it('is a POSIX sh script that needs no arguments', () => {
    assert.match(remoteProbeScript, /command -v docker/);
    assert.doesNotMatch(remoteProbeScript, /\bbash\b|\[\[/);
  });
});
