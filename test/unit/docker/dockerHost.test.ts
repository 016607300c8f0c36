import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { detectDockerExtensionGeneration, dockerHostFor, dockerHostSettings } from '../../../src/core/docker/dockerHost';
import { BadInputError } from '../../../src/core/errors';
import { makeTempDir } from '../../fixtures/sshConfig/editChecks';

describe('dockerHost', () => {
  it('uses ssh://alias for a configured alias and ssh://user@host:port otherwise', async () => {
    const temp = await makeTempDir();
    try {
      const config = path.join(temp.dir, 'config');
      await writeFile(config, 'Host Build-Box\n  HostName 10.0.0.9\n');
      const base = { includeBase: { sshDir: temp.dir, homeDir: temp.dir } };
      assert.equal(await dockerHostFor('build-box', config, base), 'ssh://Build-Box');
      assert.equal(await dockerHostFor('bob@10.0.0.9:2222', config, base), 'ssh://bob@10.0.0.9:2222');
      assert.equal(await dockerHostFor('ann@[::1]:2200', config, base), 'ssh://ann@[::1]:2200');
      assert.equal(await dockerHostFor('unknown.example', config, base), 'ssh://unknown.example');
      await assert.rejects(dockerHostFor('-oProxyCommand=x', config, base), BadInputError);
    } finally {
      await temp.remove();
    }
  });

  it('detects the Docker extension generation from what is installed', () => {
    assert.equal(detectDockerExtensionGeneration([]), undefined);
    assert.equal(detectDockerExtensionGeneration([{ id: 'ms-azuretools.vscode-containers', version: '2.0.0' }]), 'containers');
    assert.equal(
      detectDockerExtensionGeneration([
        { id: 'ms-azuretools.vscode-docker', version: '2.0.0' },
        { id: 'ms-azuretools.vscode-containers', version: '2.1.0' },
      ]),
      'containers',
    );
    assert.equal(detectDockerExtensionGeneration([{ id: 'ms-azuretools.vscode-docker', version: '2.0.0' }]), 'containers');
    assert.equal(detectDockerExtensionGeneration([{ id: 'ms-azuretools.vscode-docker', version: '1.29.6' }]), 'docker-environment');
    assert.equal(detectDockerExtensionGeneration([{ id: 'MS-AZURETOOLS.vscode-docker', version: '1.23.0' }]), 'docker-environment');
    assert.equal(detectDockerExtensionGeneration([{ id: 'ms-azuretools.vscode-docker', version: '1.22.2' }]), 'docker-host');
    assert.equal(detectDockerExtensionGeneration([{ id: 'ms-azuretools.vscode-docker', version: '0.9.0' }]), 'docker-host');
  });

  it('merges DOCKER_HOST into the environment object and keeps the other keys', () => {
    const current = { 'containers.environment': { DOCKER_CERT_PATH: '/c', DOCKER_HOST: 'old' } };
    assert.deepEqual(dockerHostSettings('containers', 'ssh://web', current), [
      { key: 'containers.environment', value: { DOCKER_CERT_PATH: '/c', DOCKER_HOST: 'ssh://web' } },
    ]);
    assert.deepEqual(current['containers.environment'], { DOCKER_CERT_PATH: '/c', DOCKER_HOST: 'old' }, 'input not mutated');
    assert.deepEqual(dockerHostSettings('docker-environment', 'ssh://web', { 'docker.environment': { A: '1' } }), [
      { key: 'docker.environment', value: { A: '1', DOCKER_HOST: 'ssh://web' } },
    ]);
    assert.deepEqual(dockerHostSettings('docker-environment', 'ssh://web', { 'docker.environment': 'junk' }), [
      { key: 'docker.environment', value: { DOCKER_HOST: 'ssh://web' } },
    ]);
  });

  it('writes docker.host with a refresh interval of at least 3000 ms, keeping a larger one', () => {
    assert.deepEqual(dockerHostSettings('docker-host', 'ssh://web', {}), [
      { key: 'docker.host', value: 'ssh://web' },
      { key: 'docker.explorerRefreshInterval', value: 3000 },
    ]);
    assert.deepEqual(dockerHostSettings('docker-host', 'ssh://web', { 'docker.explorerRefreshInterval': 1000 })[1].value, 3000);
    assert.deepEqual(dockerHostSettings('docker-host', 'ssh://web', { 'docker.explorerRefreshInterval': 10000 })[1].value, 10000);
  });
});
