import { firstErrorLine } from '../diagnose';
import { fixFor } from '../fixes';
import { type DoctorFacts, type EarlierResults, type Verdict, pass, skip, blockedBy, fixContextOf } from './facts';
import { ranRemoteCommand, sessionFailureCode } from './sessionFailure';

/** The one real ssh session logged in with a key (BatchMode: no password prompt could help). */
export function authCheck(facts: DoctorFacts, earlier: EarlierResults): Verdict {
  const blocker = blockedBy(earlier, ['ssh-client', 'host-key']);
  if (blocker) return skip(`Skipped: needs ${blocker.id === 'ssh-client' ? 'the ssh client' : 'a reachable host with a trusted host key'}.`);
  const fact = facts.probe!;
  const { result, parsed } = fact.value;
  if (parsed.started) return pass(`Logged in as ${parsed.user ?? 'the configured user'} with a key.`, fact.ms);
  // The login itself worked (ssh says so, or the remote command's own exit status shows it); what
  // came after it is the next check's failure.
  if (fact.value.loggedIn || ranRemoteCommand(result)) return pass(`ssh logged in as ${facts.effective?.value.config?.user ?? 'the configured user'} with a key.`, fact.ms);
  const code = sessionFailureCode(fact.value);
  const line = firstErrorLine(result.stderr) || `ssh exited with ${result.exitCode ?? 'no status'}`;
  if (code === 'auth-publickey-denied' && facts.acceptedKey !== undefined) {
    // With IdentityAgent none ssh asks no agent at all, so loading the key into one changes nothing.
    const agentOff = facts.effective?.value.config?.get('identityagent') === 'none';
    const failure = agentOff ? 'key-needs-agent' : 'key-not-loaded';
    const why = agentOff ? `, which ssh could not use without a prompt, and the ssh config sets IdentityAgent none, so no agent can lend it: ${line}` : `, which ssh could not use without a prompt: ${line}`;
    return { status: 'fail', code: failure, message: `The host refused the login, but it accepts ${facts.acceptedKey}${why}`, fix: fixFor(failure, fixContextOf(facts, { identityFile: facts.acceptedKey })), durationMs: Math.round(fact.ms) };
  }
  if (code === 'auth-too-many-keys') {
    const held = facts.agent?.value.identities.length;
    return { status: 'fail', code, message: `The host cut the login off after too many keys${held !== undefined ? ` (the agent holds ${held})` : ''}${facts.acceptedKey !== undefined ? `, before ssh offered ${facts.acceptedKey}, which it accepts` : ''}: ${line}`, fix: fixFor(code, fixContextOf(facts, facts.acceptedKey !== undefined ? { identityFile: facts.acceptedKey } : {})), durationMs: Math.round(fact.ms) };
  }
  if (code === undefined) return { status: 'fail', message: `ssh could not log in: ${line}`, durationMs: Math.round(fact.ms) };
  return { status: 'fail', code, message: code === 'auth-publickey-denied' ? `The host refused every key offered: ${line}` : `ssh could not log in: ${line}`, fix: fixFor(code, fixContextOf(facts)), durationMs: Math.round(fact.ms) };
}
