import { diagnoseSsh, firstErrorLine } from '../diagnose';
import { fixFor } from '../fixes';
import type { FailureCode } from '../failureCodes';
import { type DoctorFacts, type SessionFact, type Verdict, fixContextOf } from './facts';

/**
 * The probe session's failure, from ssh's own output. Killed by the time limit after ssh said it
 * logged in, before the script's first line: the session hangs after login (a ForceCommand, a login
 * script that waits for input), which a longer timeout would not fix.
 */
export function sessionFailureCode(session: SessionFact): FailureCode | undefined {
  const { result } = session;
  const code = diagnoseSsh(result) ?? (result.timedOut || result.cancelled ? 'connect-timeout' : undefined);
  return code === 'connect-timeout' && session.loggedIn && !session.parsed.started ? 'session-hangs-after-login' : code;
}

/**
 * For a remote check whose prerequisites were not selected (`only`) or passed, but whose session
 * still broke off: say why, with the code ssh's own output gives.
 */
export function sessionFailure(facts: DoctorFacts): Verdict {
  const fact = facts.probe!;
  const { result } = fact.value;
  const code = sessionFailureCode(fact.value);
  const line = firstErrorLine(result.stderr) || (result.timedOut ? 'no answer within the time limit' : `ssh exited with ${result.exitCode ?? 'no status'}`);
  const message = code === 'session-hangs-after-login' ? `ssh logged in to ${facts.targetText}, but the session then ran nothing and was stopped at the time limit (${Math.round(fact.ms / 1000)} s).` : `The SSH session ended early: ${line}`;
  return { status: 'fail', ...(code ? { code, fix: fixFor(code, fixContextOf(facts)) } : {}), message, durationMs: Math.round(fact.ms) };
}
