import { strict as assert } from 'node:assert';
import { parseDockerContextList } from '../../../src/core/docker/dockerContext';
import { dockerHostList, sshDestination } from '../../../src/core/docker/dockerHostList';
import { dockerHostInSetting, engineInUse, withoutDockerHost } from '../../../src/core/docker/engineInUse';

describe('the Docker Hosts list', () => {
  it('reads docker context ls JSON lines and skips what is not a context', () => {
    const stdout = [
      '{"Current":true,"Description":"","DockerEndpoint":"unix:///var/run/docker.sock","Error":"","Name":"default"}',
      'not json',
      '{"Current":false,"DockerEndpoint":"ssh://dev@build:2222","Name":"build"}',
      '{"Name":"broken"}',
      '',
    ].join('\n');
    assert.deepEqual(parseDockerContextList(stdout), [
      { name: 'default', dockerHost: 'unix:///var/run/docker.sock', current: true },
      { name: 'build', dockerHost: 'ssh://dev@build:2222', current: false },
    ]);
  });

  it('lists config hosts once each, attaches contexts naming an alias, and adds the other ssh contexts', () => {
    const hosts = [
      { alias: 'gpu', file: '/c', line: 1 },
      { alias: 'staging', file: '/c.d/x', line: 4 },
      { alias: 'GPU', file: '/c', line: 9 },
    ];
    const contexts = [
      { name: 'default', dockerHost: 'unix:///var/run/docker.sock', current: true },
      { name: 'ssh-gpu', dockerHost: 'ssh://gpu', current: false },
      { name: 'lab', dockerHost: 'ssh://me@10.0.0.5:2222', current: false },
      { name: 'lab2', dockerHost: 'ssh://me@10.0.0.5:2222/', current: false },
      { name: 'tcp', dockerHost: 'tcp://10.0.0.6:2375', current: false },
    ];
    assert.deepEqual(dockerHostList(hosts, contexts), [
      { target: 'gpu', alias: 'gpu', configFile: '/c', contexts: ['ssh-gpu'] },
      { target: 'staging', alias: 'staging', configFile: '/c.d/x', contexts: [] },
      { target: 'me@10.0.0.5:2222', contexts: ['lab', 'lab2'] },
    ]);
    assert.equal(sshDestination('tcp://x'), undefined);
  });
});

describe('engineInUse', () => {
  it('takes the workspace setting over the user setting over the environment over the docker context', () => {
    const context = { name: 'ctx', dockerHost: 'ssh://c' };
    assert.deepEqual(engineInUse({ workspace: 'ssh://w', user: 'ssh://u', environment: 'ssh://e', context }), { dockerHost: 'ssh://w', source: 'workspace' });
    assert.deepEqual(engineInUse({ user: 'ssh://u', environment: 'ssh://e', context }), { dockerHost: 'ssh://u', source: 'user' });
    assert.deepEqual(engineInUse({ environment: 'ssh://e', context }), { dockerHost: 'ssh://e', source: 'environment' });
    assert.deepEqual(engineInUse({ context }), { dockerHost: 'ssh://c', source: 'docker-context', contextName: 'ctx' });
    assert.equal(engineInUse({}), undefined);
  });

  it('reads DOCKER_HOST from either setting shape and takes only it out again', () => {
    assert.equal(dockerHostInSetting({ DOCKER_HOST: 'ssh://a', X: '1' }), 'ssh://a');
    assert.equal(dockerHostInSetting('ssh://b'), 'ssh://b');
    assert.equal(dockerHostInSetting({ X: '1' }), undefined);
    assert.equal(dockerHostInSetting(''), undefined);
    assert.deepEqual(withoutDockerHost({ DOCKER_HOST: 'ssh://a', X: '1' }), { X: '1' });
    assert.equal(withoutDockerHost({ DOCKER_HOST: 'ssh://a' }), undefined);
    assert.equal(withoutDockerHost('ssh://b'), undefined);
  });
});
