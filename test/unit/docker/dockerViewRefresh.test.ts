import { strict as assert } from 'node:assert';
import { dockerViewRefreshCommands, explicitSshDockerHost } from '../../../src/core/docker/dockerViewRefresh';

describe('Docker view refresh commands', () => {
  it('lists only the commands the installed generation really registered', () => {
    const available = ['vscode-containers.containers.refresh', 'vscode-containers.images.refresh', 'vscode-docker.containers.refresh', 'workbench.action.reloadWindow'];
    assert.deepEqual(dockerViewRefreshCommands('containers', available), ['vscode-containers.containers.refresh', 'vscode-containers.images.refresh']);
    assert.deepEqual(dockerViewRefreshCommands('docker-environment', available), ['vscode-docker.containers.refresh']);
    assert.deepEqual(dockerViewRefreshCommands('docker-host', []), []);
  });
});

describe('DOCKER_HOST for Docker before 1.23 (ssh2 reads no ssh config)', () => {
  it('names user, address and port from ssh -G, with an IPv6 address in brackets', () => {
    assert.equal(explicitSshDockerHost({ user: 'dev', hostName: '127.0.0.1', port: 2222 }), 'ssh://dev@127.0.0.1:2222');
    assert.equal(explicitSshDockerHost({ user: 'dev', hostName: '::1', port: 22 }), 'ssh://dev@[::1]:22');
  });
});
