import type { FailureCode } from '../failureCodes';
import { fixFor, seeCommandFor, type FixContext } from '../fixes';
import { type DoctorFacts, type Verdict, fixContextOf } from './facts';

/** A failed remote check: its code, the fix for that host, and the command that shows the user what the probe saw. */
export function remoteFailure(facts: DoctorFacts, code: FailureCode, message: string, extra: Partial<FixContext> = {}, durationMs = facts.probe?.ms ?? 0): Verdict {
  const context = fixContextOf(facts, extra);
  const seeCommand = seeCommandFor(code, context);
  return { status: 'fail', code, message, fix: fixFor(code, context), ...(seeCommand !== undefined ? { seeCommand } : {}), durationMs: Math.round(durationMs) };
}
