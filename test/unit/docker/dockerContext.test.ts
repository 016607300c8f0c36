import { strict as assert } from 'node:assert';
import { dockerContextNameFor } from '../../../src/core/docker/dockerContext';

describe('dockerContextNameFor', () => {
  it('derives a docker-valid context name from the DOCKER_HOST', () => {
    assert.equal(dockerContextNameFor('ssh://myserver'), 'ssh-myserver');
    assert.equal(dockerContextNameFor('ssh://dev@10.0.0.5:2222'), 'ssh-dev-10.0.0.5-2222');
    for (const name of [dockerContextNameFor('ssh://-x'), dockerContextNameFor('ssh://'), dockerContextNameFor('ssh://a b/c')]) {
      assert.match(name, /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/);
    }
  });
});
