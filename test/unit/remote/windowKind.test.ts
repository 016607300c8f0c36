import { strict as assert } from 'node:assert';
import { windowKindFrom } from '../../../src/core/remote/windowKind';

describe('windowKindFrom (the one reading of the window kind, and its test seam)', () => {
  it('a local window: no remote name, not on a remote host, whatever kind the extension runs as', () => {
    assert.deepEqual(windowKindFrom({ remoteName: undefined, runningAs: 'workspace', seam: undefined }), { remoteName: undefined, onRemoteHost: false });
    assert.deepEqual(windowKindFrom({ remoteName: undefined, runningAs: 'ui', seam: undefined }), { remoteName: undefined, onRemoteHost: false });
  });

  it('a Remote-SSH window: on the host when the extension runs as workspace, on the UI side otherwise', () => {
    assert.deepEqual(windowKindFrom({ remoteName: 'ssh-remote', runningAs: 'workspace', seam: undefined }), { remoteName: 'ssh-remote', onRemoteHost: true });
    assert.deepEqual(windowKindFrom({ remoteName: 'ssh-remote', runningAs: 'ui', seam: undefined }), { remoteName: 'ssh-remote', onRemoteHost: false });
  });

  it('the seam names both the remote and the side, over what the editor says', () => {
    assert.deepEqual(windowKindFrom({ remoteName: '127.0.0.1:8080', runningAs: 'workspace', seam: 'ssh-remote:workspace' }), { remoteName: 'ssh-remote', onRemoteHost: true });
    assert.deepEqual(windowKindFrom({ remoteName: '127.0.0.1:8080', runningAs: 'workspace', seam: 'ssh-remote:ui' }), { remoteName: 'ssh-remote', onRemoteHost: false });
  });

  it('a seam value of any other shape is ignored: the editor decides', () => {
    for (const seam of ['', 'ssh-remote', 'ssh-remote:both', 'SSH-REMOTE:ui', ' ssh-remote:ui', 'ssh-remote:ui\n']) {
      assert.deepEqual(windowKindFrom({ remoteName: undefined, runningAs: 'workspace', seam }), { remoteName: undefined, onRemoteHost: false }, JSON.stringify(seam));
    }
  });
});
