import type { FailureCode } from '../failureCodes';
import { fixFor, seeCommandFor, type FixContext } from '../fixes';
import { type DoctorFacts, type Verdict, fixContextOf } from './facts';

/** A failed remote check: its code, the fix for that host, and the command that shows the user what the probe saw. */
export function remoteFailure(facts: DoctorFacts, code: FailureCode, message: string, extra: Partial<FixContext> = {}, durationMs = facts.probe?.ms ?? 0): Verdict {
  return remoteFinding('fail', facts, code, message, extra, durationMs);
}

/** A remote check that passed with a warning: the same code, fix and command as a failure. */
export function remoteWarning(facts: DoctorFacts, code: FailureCode, message: string, extra: Partial<FixContext> = {}): Verdict {
  return remoteFinding('warn', facts, code, message, extra, facts.probe?.ms ?? 0);
}

function remoteFinding(status: 'fail' | 'warn', facts: DoctorFacts, code: FailureCode, message: string, extra: Partial<FixContext>, durationMs: number): Verdict {
  const context = fixContextOf(facts, extra);
  const seeCommand = seeCommandFor(code, context);
  return { status, code, message, fix: fixFor(code, context), ...(seeCommand !== undefined ? { seeCommand } : {}), durationMs: Math.round(durationMs) };
}
