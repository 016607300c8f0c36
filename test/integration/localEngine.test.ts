import assert from 'node:assert/strict';
import { checkLocalEngine } from '../../src/core/docker/localEngine';
import { startRig, type Rig } from '../fixtures/rig/index';

// In a Remote-SSH window this extension runs on the host, where the engine is local: the check
// talks to a real dockerd through its socket, as the Docker extension on the host will.
describe('local engine check against the rig dockerd', function () {
  this.timeout(60_000);
  let rig: Rig;

  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.stop();
  });

  it('passes and reports the server version', async () => {
    const result = await checkLocalEngine({ timeoutMs: 10_000, env: { ...process.env, ...rig.env, DOCKER_HOST: `unix://${rig.dockerSocket}` } });
    assert.equal(result.status, 'pass', result.message);
    assert.match(result.serverVersion ?? '', /^\d+\.\d+/);
  });

  it('reports docker-daemon-down when dockerd is stopped', async () => {
    const repair = await rig.breakOne('dockerd-stopped');
    try {
      const result = await checkLocalEngine({ timeoutMs: 10_000, env: { ...process.env, ...rig.env, DOCKER_HOST: `unix://${rig.dockerSocket}` } });
      assert.equal(result.status, 'fail');
      assert.equal(result.code, 'docker-daemon-down');
    } finally {
      await repair();
    }
  });
});
