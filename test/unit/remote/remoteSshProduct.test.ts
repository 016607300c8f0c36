import { strict as assert } from 'node:assert';
import { MicrosoftRemoteSshId, OpenRemoteSshId, remoteSshExtensionFor } from '../../../src/core/remote/remoteSshProduct';

describe('remoteSshExtensionFor', () => {
  it('picks Microsoft Remote - SSH in Microsoft VS Code (stable and insiders, desktop)', () => {
    assert.equal(remoteSshExtensionFor({ appName: 'Visual Studio Code', uriScheme: 'vscode', appHost: 'desktop' }), MicrosoftRemoteSshId);
    assert.equal(remoteSshExtensionFor({ appName: 'Visual Studio Code - Insiders', uriScheme: 'vscode-insiders', appHost: 'desktop' }), MicrosoftRemoteSshId);
  });

  it('picks Open Remote - SSH in VSCodium and code-server', () => {
    assert.equal(remoteSshExtensionFor({ appName: 'VSCodium', uriScheme: 'vscodium', appHost: 'desktop' }), OpenRemoteSshId);
    // code-server 4.100.3: product.json nameLong "code-server", urlProtocol "code-oss".
    assert.equal(remoteSshExtensionFor({ appName: 'code-server', uriScheme: 'code-oss', appHost: 'web' }), OpenRemoteSshId);
    assert.equal(remoteSshExtensionFor({ appName: 'Visual Studio Code', uriScheme: 'vscode', appHost: 'web' }), OpenRemoteSshId);
  });

  it('does not mistake a build named like VS Code with another scheme for Microsoft\'s', () => {
    assert.equal(remoteSshExtensionFor({ appName: 'Code - OSS', uriScheme: 'code-oss', appHost: 'desktop' }), OpenRemoteSshId);
  });
});
