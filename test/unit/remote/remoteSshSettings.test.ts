import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { withDefaultExtensions, withRemotePlatform } from '../../../src/core/remote/remoteSshSettings';
import { dockerExtensionToInstall, hasDockerExtension } from '../../../src/core/docker/remoteDockerExtension';

describe('withDefaultExtensions', () => {
  it('appends missing ids and keeps existing order', () => {
    assert.deepEqual(withDefaultExtensions(['eamodio.gitlens'], ['ms-azuretools.vscode-containers']), ['eamodio.gitlens', 'ms-azuretools.vscode-containers']);
  });

  it('returns undefined when every id is already there, whatever its case', () => {
    assert.equal(withDefaultExtensions(['MS-AzureTools.vscode-containers'], ['ms-azuretools.vscode-containers']), undefined);
  });

  it('creates the list when the setting is unset, and repairs a non-list value', () => {
    assert.deepEqual(withDefaultExtensions(undefined, ['a.b']), ['a.b']);
    assert.deepEqual(withDefaultExtensions('a.b', ['a.b']), ['a.b']);
    assert.deepEqual(withDefaultExtensions(['x.y', 3], ['a.b']), ['x.y', 'a.b']);
  });

  it('never yields duplicates and never drops an existing id (property)', () => {
    const id = fc.stringMatching(/^[a-zA-Z]{1,4}\.[a-zA-Z]{1,4}$/);
    fc.assert(
      fc.property(fc.array(id, { maxLength: 6 }), fc.array(id, { maxLength: 4 }), (current, ids) => {
        const deduped = current.filter((v, i) => current.findIndex((w) => w.toLowerCase() === v.toLowerCase()) === i);
        const merged = withDefaultExtensions(deduped, ids) ?? deduped;
        const lower = merged.map((v) => v.toLowerCase());
        assert.equal(new Set(lower).size, lower.length);
        for (const v of [...deduped, ...ids]) {
          assert.ok(lower.includes(v.toLowerCase()));
        }
      }),
    );
  });
});

describe('withRemotePlatform', () => {
  it('adds the alias as linux and keeps other hosts', () => {
    assert.deepEqual(withRemotePlatform({ mac: 'macOS' }, 'box'), { mac: 'macOS', box: 'linux' });
  });

  it('returns undefined when already linux', () => {
    assert.equal(withRemotePlatform({ box: 'linux' }, 'box'), undefined);
  });

  it('starts from an empty object when the value is not an object', () => {
    assert.deepEqual(withRemotePlatform(undefined, 'box'), { box: 'linux' });
    assert.deepEqual(withRemotePlatform(['box'], 'box'), { box: 'linux' });
  });
});

describe('remote Docker extension', () => {
  it('installs Container Tools today', () => {
    assert.equal(dockerExtensionToInstall(), 'ms-azuretools.vscode-containers');
  });

  it('accepts any generation already on the host', () => {
    assert.equal(hasDockerExtension(['ms-azuretools.vscode-docker']), true);
    assert.equal(hasDockerExtension(['MS-AZURETOOLS.vscode-containers']), true);
    assert.equal(hasDockerExtension(['ms-python.python']), false);
  });
});
