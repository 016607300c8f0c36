import { strict as assert } from 'node:assert';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { checkLocalEngine, classifyEngineError } from '../../../src/core/docker/localEngine';

function dockerOnPath(): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, 'docker'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

describe('local engine check', () => {
  it('maps the docker CLI complaints to the doctor codes', () => {
    const denied = 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": dial unix /var/run/docker.sock: connect: permission denied';
    assert.equal(classifyEngineError(denied, false).code, 'docker-socket-permission');
    assert.equal(classifyEngineError('Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?', false).code, 'docker-daemon-down');
    assert.equal(classifyEngineError('', true).code, 'docker-daemon-down');
  });

  it('reports a missing docker binary as remote-docker-missing', async () => {
    const result = await checkLocalEngine({ timeoutMs: 5000, dockerPath: '/nonexistent/docker' });
    assert.equal(result.status, 'fail');
    assert.equal(result.code, 'remote-docker-missing');
  });

  it('reports a daemon that is not there (real docker CLI, socket path that does not exist)', async function () {
    // Whether to run is decided by the machine (is there a docker CLI?), never by the result under test:
    // a misclassification must fail here, not turn into "pending".
    if (!dockerOnPath()) {
      if (process.env.CI === 'true') assert.fail('no docker CLI on the PATH; CI must install docker.io (npm run test:setup)');
      this.skip();
    }
    const result = await checkLocalEngine({ timeoutMs: 10000, env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock', DOCKER_CONTEXT: '' } });
    assert.equal(result.status, 'fail');
    assert.equal(result.code, 'docker-daemon-down');
  });
});
