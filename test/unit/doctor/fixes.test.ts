import assert from 'node:assert/strict';
import { fixFor } from '../../../src/core/doctor/fixes';
import { agentStartInstructions } from '../../../src/core/ssh/agent';
import { failureCodes } from '../../../src/core/doctor/failureCodes';

describe('fixes', () => {
  const base = { target: 'box', path: 'remote-ssh' as const, platform: 'linux' as const, remoteUser: 'ann', identityFile: '/home/me/.ssh/id_ed25519' };

  it('has a fix for every failure code', () => {
    for (const code of failureCodes) assert.ok(fixFor(code, base).length > 20, code);
  });

  it('names the real actions the issue asks for', () => {
    const socket = fixFor('docker-socket-permission', base);
    assert.match(socket, /sudo usermod -aG docker ann/);
    assert.match(socket, /Kill VS Code Server on Host/);
    assert.match(fixFor('agent-no-identities', base), /`ssh-add \/home\/me\/\.ssh\/id_ed25519`/);
    assert.match(fixFor('agent-no-identities', { ...base, platform: 'darwin' }), /ssh-add --apple-use-keychain/);
    assert.match(fixFor('host-key-unknown', { ...base, offeredFingerprint: 'SHA256:abc' }), /remote-docker-ssh trust-host box --fingerprint SHA256:abc/);
    assert.match(fixFor('host-key-changed', base), /never fixed automatically/);
    assert.match(fixFor('host-key-revoked', base), /never fixed automatically/);
    assert.doesNotMatch(fixFor('host-key-revoked', base), /trust-host|ssh-keygen -R/);
    const tooMany = fixFor('auth-too-many-keys', { ...base, configFile: '/home/me/.ssh/config' });
    assert.match(tooMany, /`Host box` block of \/home\/me\/\.ssh\/config/);
    assert.match(tooMany, /`IdentitiesOnly yes` and `IdentityFile \/home\/me\/\.ssh\/id_ed25519`/);
    assert.match(fixFor('auth-too-many-keys', { ...base, target: 'ann@10.0.0.5', hostname: '10.0.0.5', targetIsAlias: false }), /`Host 10\.0\.0\.5` block/);
    assert.match(fixFor('session-hangs-after-login', base), /ForceCommand.*~\/\.bashrc/);
    const agentOff = fixFor('key-needs-agent', { ...base, configFile: '/home/me/.ssh/config' });
    assert.match(agentOff, /`IdentityAgent none` that applies to it in \/home\/me\/\.ssh\/config/);
    assert.match(agentOff, /`IdentityAgent SSH_AUTH_SOCK`.*`ssh-add \/home\/me\/\.ssh\/id_ed25519`/);
  });

  it('spells out the port in podman\'s connection URI, which reads no ssh config, only when it is not 22', () => {
    const direct = { ...base, path: 'docker-host' as const, hostname: '10.0.0.5' };
    assert.match(fixFor('docker-is-podman', { ...direct, port: 2222 }), /`podman system connection add box ssh:\/\/ann@10\.0\.0\.5:2222\/run\/user\/\$\(ssh box id -u\)\/podman\/podman\.sock`/);
    assert.match(fixFor('docker-is-podman', { ...direct, port: 22 }), /ssh:\/\/ann@10\.0\.0\.5\/run\/user\//);
  });

  it('gives the per-OS way to start an agent', () => {
    assert.match(agentStartInstructions('win32'), /Set-Service -StartupType Automatic|sc config ssh-agent start=auto/);
    assert.match(agentStartInstructions('darwin'), /UseKeychain yes/);
    assert.match(agentStartInstructions('linux'), /eval "\$\(ssh-agent -s\)"/);
  });
});
