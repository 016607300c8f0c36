import { fixFor } from '../fixes';
import { type DoctorFacts, type EarlierResults, type Verdict, pass, skip, blockedBy, fixContextOf, sshLoggedIn } from './facts';

/** The agent holds a key, and, when the config pins keys with IdentitiesOnly, one of those keys. */
export function identityCheck(facts: DoctorFacts, earlier: EarlierResults): Verdict {
  const blocker = blockedBy(earlier, ['agent']);
  if (blocker) return skip('Skipped: needs a running ssh-agent.');
  const fact = facts.agent!;
  const identities = fact.value.identities;
  const files = facts.identityFiles?.value ?? [];
  const config = facts.effective?.value.config;
  const ms = fact.ms + (facts.identityFiles?.ms ?? 0);
  const firstExisting = files.find((file) => file.fingerprint !== undefined);
  if (config?.get('identityagent') === 'none') {
    if (sshLoggedIn(facts.probe?.value)) return pass(`ssh logged in with a key file (IdentityAgent none: no agent is used).`, ms);
    return skip('Skipped: IdentityAgent none, so ssh uses no agent here; the auth check says whether a key file works.');
  }
  const context = fixContextOf(facts, firstExisting ? { identityFile: firstExisting.path } : {});
  if (identities.length === 0) {
    return { status: 'fail', code: 'agent-no-identities', message: 'The ssh-agent is running but holds no keys ("The agent has no identities").', fix: fixFor('agent-no-identities', context), durationMs: Math.round(ms) };
  }
  const wanted = files.filter((file) => file.fingerprint !== undefined);
  const loaded = wanted.find((file) => identities.some((identity) => identity.fingerprint === file.fingerprint));
  if (loaded) return pass(`The agent holds ${loaded.path} (${loaded.fingerprint}).`, ms);
  if (config?.get('identitiesonly') === 'yes' && wanted.length > 0) {
    // ssh is the judge: a key file without a passphrase needs no agent, and a session that logged in proves it.
    if (sshLoggedIn(facts.probe?.value)) return pass(`The agent holds ${identities.length} key(s), not ${wanted.map((file) => file.path).join(' or ')}; ssh logged in with the key file itself.`, ms);
    return {
      status: 'fail',
      code: 'agent-no-identities',
      message: `The agent holds ${identities.length} key(s), but not ${wanted.map((file) => file.path).join(' or ')}, which the ssh config requires (IdentitiesOnly yes).`,
      fix: fixFor('agent-no-identities', context),
      durationMs: Math.round(ms),
    };
  }
  return pass(`The agent holds ${identities.length} key(s): ${identities.map((identity) => `${identity.type} ${identity.fingerprint}`).join(', ')}.`, ms);
}
