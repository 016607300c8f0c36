import { strict as assert } from 'node:assert';
import { chooseRemoteOpener, chooseServerRestart, sshRemoteAuthority } from '../../../src/core/remote/remoteOpener';

const builtins = ['vscode.newWindow', 'vscode.openFolder', 'workbench.action.reloadWindow'];

describe('chooseRemoteOpener', () => {
  it('prefers the stable Remote-SSH command and passes the host', () => {
    const opener = chooseRemoteOpener({ commands: [...builtins, 'openremotessh.openEmptyWindow', 'opensshremotes.openEmptyWindow'], sshExtensionInstalled: true }, 'build-box');
    assert.deepEqual(opener, { kind: 'remote-ssh', command: 'opensshremotes.openEmptyWindow', args: [{ host: 'build-box' }] });
  });

  it('falls back to Open Remote - SSH when only it is there', () => {
    const opener = chooseRemoteOpener({ commands: [...builtins, 'openremotessh.openEmptyWindow'], sshExtensionInstalled: true }, 'build-box');
    assert.equal(opener.kind, 'open-remote-ssh');
    assert.equal(opener.kind === 'open-remote-ssh' && opener.command, 'openremotessh.openEmptyWindow');
  });

  it('uses vscode.newWindow with the authority when the opener ids are gone but a resolver is installed', () => {
    const opener = chooseRemoteOpener({ commands: [...builtins, 'opensshremotes.showLog'], sshExtensionInstalled: false }, 'build-box');
    assert.deepEqual(opener, { kind: 'new-window', command: 'vscode.newWindow', args: [{ remoteAuthority: 'ssh-remote+build-box', reuseWindow: false }] });
  });

  it('uses vscode.openFolder when newWindow is missing', () => {
    const opener = chooseRemoteOpener({ commands: ['vscode.openFolder'], sshExtensionInstalled: true }, 'box');
    assert.deepEqual(opener, { kind: 'open-folder', command: 'vscode.openFolder', folderUri: 'vscode-remote://ssh-remote+box/', args: [] });
  });

  it('finds nothing when no ssh-remote resolver is installed', () => {
    assert.deepEqual(chooseRemoteOpener({ commands: builtins, sshExtensionInstalled: false }, 'box'), { kind: 'none' });
  });
});

describe('sshRemoteAuthority', () => {
  it('keeps a lower-case alias readable', () => {
    assert.equal(sshRemoteAuthority('my-host.lan'), 'ssh-remote+my-host.lan');
  });

  it('hex-encodes an alias that lower-casing would change, as Remote-SSH does', () => {
    const authority = sshRemoteAuthority('BuildBox');
    assert.match(authority, /^ssh-remote\+[0-9a-f]+$/);
    const decoded = JSON.parse(Buffer.from(authority.slice('ssh-remote+'.length), 'hex').toString('utf8'));
    assert.deepEqual(decoded, { hostName: 'BuildBox' });
  });
});

describe('chooseServerRestart', () => {
  it('uses Remote-SSH cleanCurrentRemoteServer when it exists', () => {
    assert.deepEqual(chooseServerRestart(['opensshremotes.cleanCurrentRemoteServer']), { kind: 'command', command: 'opensshremotes.cleanCurrentRemoteServer' });
  });

  it('falls back to instructions without it (Open Remote - SSH has no such command)', () => {
    assert.deepEqual(chooseServerRestart(['openremotessh.openEmptyWindow']), { kind: 'manual' });
  });
});
