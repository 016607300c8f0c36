import type { AgentIdentity } from './agent';

/*
 * Keys that make a login ask the user: FIDO security keys (`sk-` types) want a touch. They are
 * found in the agent (`ssh-add -l` prints ED25519-SK / ECDSA-SK, with -CERT for certificates) and
 * in the identity files ssh would offer (the type word of KEY.pub). A key added with `ssh-add -c`
 * (confirm each use) cannot be found: the agent protocol lists keys without their constraints, so
 * nothing we can run tells such a key from a plain one. The extension's setting for background
 * remote checks covers that case.
 */

/** A public key type (`sk-ssh-ed25519@openssh.com`, a `-cert-v01` variant) or an `ssh-add -l` type (`ED25519-SK`). */
export function isSecurityKeyType(type: string): boolean {
  return /^sk-/i.test(type) || /-SK(-CERT)?$/i.test(type);
}

/** What would ask for a touch, in words for a message; empty when nothing would. */
export function keysThatAsk(agent: readonly AgentIdentity[], identityFiles: readonly { path: string; type?: string }[]): string[] {
  return [
    ...agent.filter((identity) => isSecurityKeyType(identity.type)).map((identity) => `the agent's ${identity.type} key ${identity.fingerprint}`),
    ...identityFiles.filter((file) => file.type !== undefined && isSecurityKeyType(file.type)).map((file) => `the security key ${file.path}`),
  ];
}
