import { diagnoseSsh, firstErrorLine } from '../diagnose';
import { fixFor } from '../fixes';
import { type DoctorFacts, type Verdict, fixContextOf } from './facts';

/**
 * For a remote check whose prerequisites were not selected (`only`) or passed, but whose session
 * still broke off: say why, with the code ssh's own output gives.
 */
export function sessionFailure(facts: DoctorFacts): Verdict {
  const fact = facts.probe!;
  const { result } = fact.value;
  const code = diagnoseSsh(result) ?? (result.timedOut || result.cancelled ? 'connect-timeout' : undefined);
  const line = firstErrorLine(result.stderr) || (result.timedOut ? 'no answer within the time limit' : `ssh exited with ${result.exitCode ?? 'no status'}`);
  return { status: 'fail', ...(code ? { code, fix: fixFor(code, fixContextOf(facts)) } : {}), message: `The SSH session ended early: ${line}`, durationMs: Math.round(fact.ms) };
}
