import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../../src/core/runner';
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

  it('reads the engine\'s data root and the df line under it, and nothing from a df that failed', () => {
    const run = (dfLine: string) => parseRemoteProbe(['rds-probe:start', 'rds-probe:cli:/usr/bin/docker', 'rds-probe:engine-begin', 'rds-probe:versions:28.2.2|28.2.2', 'rds-probe:engine-exit:0', 'rds-probe:data-root:/var/lib/docker', dfLine, 'rds-probe:end', ''].join('\n'));
    assert.deepEqual(run('rds-probe:data-root-df:/dev/vda1 20509264 19454304 1038000 95% /').dataRootSpace, { path: '/var/lib/docker', mountPoint: '/', sizeKiB: 20509264, availableKiB: 1038000 });
    assert.equal(run('rds-probe:data-root-df:').dataRootSpace, undefined);
    assert.equal(run('').dataRootSpace, undefined);
    // A df line without the data root line before it belongs to nothing.
    assert.equal(parseRemoteProbe('rds-probe:start\nrds-probe:data-root-df:/dev/vda1 100 99 1 99% /\nrds-probe:end\n').dataRootSpace, undefined);
  });

  it('runs df on the data root of a local engine only (no DOCKER_HOST, or a unix socket), never of one elsewhere', async () => {
    // The real script in a real sh, with a docker stand-in that answers version and info.
    const dir = mkdtempSync(join(tmpdir(), 'probe-data-root-'));
    try {
      const dataRoot = join(dir, 'data root');
      mkdirSync(dataRoot);
      writeFileSync(join(dir, 'docker'), `#!/bin/sh\ncase "$1" in\n  version) echo 'rds-probe:versions:28.2.2|28.2.2' ;;\n  info) echo '${dataRoot}' ;;\nesac\n`, { mode: 0o755 });
      const probe = async (dockerHost?: string) => {
        const env = { PATH: `${dir}:/usr/bin:/bin`, LOGNAME: 'ann', ...(dockerHost !== undefined ? { DOCKER_HOST: dockerHost } : {}) };
        const result = await runProcess('/bin/sh', ['-s'], { input: remoteProbeScript, env, timeoutMs: 10_000 });
        return parseRemoteProbe(result.stdout);
      };
      for (const local of [undefined, 'unix:///run/user/1000/docker.sock']) {
        const space = (await probe(local)).dataRootSpace;
        assert.equal(space?.path, dataRoot, String(local));
        assert.ok(space.sizeKiB > 0 && space.availableKiB <= space.sizeKiB, JSON.stringify(space));
      }
      for (const remote of ['tcp://10.0.0.5:2376', 'ssh://other-host']) assert.equal((await probe(remote)).dataRootSpace, undefined, remote);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks Podman\'s API service only where podman is on the PATH and podman.socket\'s socket exists', async () => {
    // The real script in a real sh; a podman stand-in that logs each call and answers as a running service does.
    const dir = mkdtempSync(join(tmpdir(), 'probe-podman-'));
    const server = createServer();
    try {
      const calls = join(dir, 'calls');
      writeFileSync(join(dir, 'docker'), `#!/bin/sh\necho "Emulate Docker CLI using podman. Create /etc/containers/nodocker to quiet msg." >&2\necho 'rds-probe:versions:4.3.1|'\n`, { mode: 0o755 });
      writeFileSync(join(dir, 'podman'), `#!/bin/sh\necho "$*" >>'${calls}'\n[ "$1 $2" = '--remote version' ] && echo 'rds-probe:podman-service:4.3.1'\n`, { mode: 0o755 });
      const runtimeDir = join(dir, 'run');
      const socket = join(runtimeDir, 'podman', 'podman.sock');
      mkdirSync(join(runtimeDir, 'podman'), { recursive: true });
      const probe = async () => {
        const result = await runProcess('/bin/sh', ['-s'], { input: remoteProbeScript, env: { PATH: `${dir}:/usr/bin:/bin`, LOGNAME: 'ann', XDG_RUNTIME_DIR: runtimeDir }, timeoutMs: 10_000 });
        return parseRemoteProbe(result.stdout);
      };
      const down = await probe();
      assert.equal(down.podmanPath, join(dir, 'podman'));
      assert.equal(down.podmanSocket, undefined);
      assert.equal(down.podmanServiceVersion, undefined);
      assert.equal(existsSync(calls), false, 'no podman process without the socket');
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      const up = await probe();
      assert.equal(up.podmanSocket, socket);
      assert.equal(up.podmanServiceVersion, '4.3.1');
      assert.equal(readFileSync(calls, 'utf8'), "--remote version --format rds-probe:podman-service:{{.Server.Version}}\n");
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is a POSIX sh script that needs no arguments', () => {
    assert.match(remoteProbeScript, /command -v docker/);
    assert.doesNotMatch(remoteProbeScript, /\bbash\b|\[\[/);
  });
});
