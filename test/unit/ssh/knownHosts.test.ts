import assert from 'node:assert/strict';
import { fingerprintOf, isFingerprint, judgeHostKeys, scanTypesFor, type KnownHostEntry, type HostKey } from '../../../src/core/ssh/knownHosts';
import { parseAgentIdentities } from '../../../src/core/ssh/agent';

// A throwaway key pair made for this test; the fingerprints are what `ssh-keygen -lf` printed for them.
const ed25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIMeONst//MZx5KMtcARxvqlYRJ3F1eEs988CQBwDPgox';
const ecdsa = 'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBMqQV2EMuA0GsNdBf3RjrSIphwbG/Ct/f6nshyzcHaec9vE/bDDqxOJ6R0Wu7oS5QsfGMddA21+Q5d/wjWScBxM=';
const otherEd25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIJ39VfYR85lgoUqrOcJ6ZH7+XAJEJM+N/c5bdp8zMlEI';

const key = (type: string, blob: string): HostKey => ({ type, key: blob, fingerprint: fingerprintOf(blob) });
const known = (type: string, blob: string, marker?: string): KnownHostEntry => ({ ...key(type, blob), file: '/k', marker });

describe('known hosts', () => {
  it('computes fingerprints exactly as ssh-keygen -l does', () => {
    assert.equal(fingerprintOf(ed25519), 'SHA256:ieR9ojpS1MPepB/UekYc0hwKmAqpY1EFPar9cpWPRWM');
    assert.equal(fingerprintOf(ecdsa), 'SHA256:g+AywDZZ9vvvXUzxLKwJAZh8uQ5c/p8nxsJtmv6BvS8');
    assert.ok(isFingerprint('SHA256:ieR9ojpS1MPepB/UekYc0hwKmAqpY1EFPar9cpWPRWM'));
    assert.ok(!isFingerprint('MD5:aa:bb'));
    assert.ok(!isFingerprint('SHA256:short'));
  });

  it('tells trusted, unknown, changed and revoked apart', () => {
    const offered = [key('ssh-ed25519', ed25519)];
    assert.equal(judgeHostKeys([known('ssh-ed25519', ed25519)], offered), 'trusted');
    assert.equal(judgeHostKeys([], offered), 'unknown');
    // A key of another type only: ssh would ask, not cry wolf.
    assert.equal(judgeHostKeys([known('ecdsa-sha2-nistp256', ecdsa)], offered), 'unknown');
    assert.equal(judgeHostKeys([known('ssh-ed25519', otherEd25519)], offered), 'changed');
    assert.equal(judgeHostKeys([known('ssh-ed25519', ed25519, '@revoked')], offered), 'revoked');
    assert.equal(judgeHostKeys([known('ssh-ed25519', otherEd25519), known('ecdsa-sha2-nistp256', ecdsa)], [...offered, key('ecdsa-sha2-nistp256', ecdsa)]), 'trusted');
  });

  it('scans only the key types known_hosts already has', () => {
    assert.deepEqual(scanTypesFor([known('ssh-ed25519', ed25519)]), ['ed25519']);
    assert.deepEqual(scanTypesFor([]), ['ed25519', 'ecdsa', 'rsa']);
  });

  it('parses ssh-add -l', () => {
    const identities = parseAgentIdentities('256 SHA256:ieR9ojpS1MPepB/UekYc0hwKmAqpY1EFPar9cpWPRWM ann@laptop (ED25519)\n3072 SHA256:g+AywDZZ9vvvXUzxLKwJAZh8uQ5c/p8nxsJtmv6BvS8 my key (RSA)\n');
    assert.deepEqual(
      identities.map((identity) => [identity.type, identity.comment, identity.bits]),
      [
        ['ED25519', 'ann@laptop', 256],
        ['RSA', 'my key', 3072],
      ],
    );
  });
});
