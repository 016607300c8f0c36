import assert from 'node:assert/strict';
import { isSecurityKeyType, keysThatAsk } from '../../../src/core/ssh/keysThatAsk';

describe('keysThatAsk: keys whose use asks for a touch', () => {
  it('knows the FIDO types as .pub files and ssh-add -l write them', () => {
    for (const type of ['sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com', 'sk-ssh-ed25519-cert-v01@openssh.com', 'ED25519-SK', 'ECDSA-SK', 'ED25519-SK-CERT']) assert.equal(isSecurityKeyType(type), true, type);
    for (const type of ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa', 'ED25519', 'RSA', 'ED25519-CERT', 'ssh-ed25519-cert-v01@openssh.com']) assert.equal(isSecurityKeyType(type), false, type);
  });

  it('names each one, from the agent and from the identity files', () => {
    const agent = [
      { bits: 256, fingerprint: 'SHA256:plain', comment: 'me', type: 'ED25519' },
      { bits: 256, fingerprint: 'SHA256:touch', comment: 'yubi', type: 'ED25519-SK' },
    ];
    const files = [{ path: '/h/.ssh/id_ed25519', type: 'ssh-ed25519' }, { path: '/h/.ssh/id_ecdsa_sk', type: 'sk-ecdsa-sha2-nistp256@openssh.com' }, { path: '/h/.ssh/id_rsa' }];
    assert.deepEqual(keysThatAsk(agent, files), ["the agent's ED25519-SK key SHA256:touch", 'the security key /h/.ssh/id_ecdsa_sk']);
    assert.deepEqual(keysThatAsk(agent.slice(0, 1), files.slice(0, 1)), []);
  });
});
