import { diagnoseSsh, firstErrorLine } from '../diagnose';
import { fixFor } from '../fixes';
import { type DoctorFacts, type EarlierResults, type Verdict, pass, skip, blockedBy, fixContextOf } from './facts';
import { ranRemoteCommand } from './sessionFailure';

/** The one real ssh session logged in with a key (BatchMode: no password prompt could help). */
export function authCheck(facts: DoctorFacts, earlier: EarlierResults): Verdict {
  const blocker = blockedBy(earlier, ['ssh-client', 'host-key']);
  if (blocker) return skip(`Skipped: needs ${blocker.id === 'ssh-client' ? 'the ssh client' : 'a reachable host with a trusted host key'}.`);
  const fact = facts.probe!;
  const { result, parsed } = fact.value;
  if (parsed.started) return pass(`Logged in as ${parsed.user ?? 'the configured user'} with a key.`, fact.ms);
  if (ranRemoteCommand(result)) return pass('Logged in with a key (the host then did not run the probe: see below).', fact.ms);
  const code = diagnoseSsh(result) ?? (result.timedOut || result.cancelled ? 'connect-timeout' : undefined);
  const line = firstErrorLine(result.stderr) || `ssh exited with ${result.exitCode ?? 'no status'}`;
  if (code === 'auth-publickey-denied' && facts.acceptedKey !== undefined) {
    return { status: 'fail', code: 'key-not-loaded', message: `The host refused the login, but it accepts ${facts.acceptedKey}, which ssh could not use without a prompt: ${line}`, fix: fixFor('key-not-loaded', fixContextOf(facts, { identityFile: facts.acceptedKey })), durationMs: Math.round(fact.ms) };
  }
  if (code === undefined) return { status: 'fail', message: `ssh could not log in: ${line}`, durationMs: Math.round(fact.ms) };
  return { status: 'fail', code, message: code === 'auth-publickey-denied' ? `The host refused every key offered: ${line}` : `ssh could not log in: ${line}`, fix: fixFor(code, fixContextOf(facts)), durationMs: Math.round(fact.ms) };
}
