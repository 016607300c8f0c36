import type { ProcessResult } from '../../runner';
import { diagnoseSsh, firstErrorLine } from '../diagnose';
import type { FailureCode } from '../failureCodes';
import { type DoctorFacts, type SessionFact, type Verdict } from './facts';
import { remoteFailure } from './remoteFailure';

/** ssh exits 255 for its own failures; any other status is the remote command's, so the login worked. */
export function ranRemoteCommand(result: ProcessResult): boolean {
  return result.exitCode !== undefined && result.exitCode !== 255 && !result.timedOut && !result.cancelled;
}

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
 * still broke off: say why, with the code ssh's own output gives. A session that logged in and
 * never printed the probe's first line ran no POSIX /bin/sh (Windows OpenSSH's cmd.exe or PowerShell).
 */
export function sessionFailure(facts: DoctorFacts): Verdict {
  const fact = facts.probe!;
  const { result, parsed } = fact.value;
  const code = sessionFailureCode(fact.value);
  const line = firstErrorLine(result.stderr) || (result.timedOut ? 'no answer within the time limit' : `ssh exited with ${result.exitCode ?? 'no status'}`);
  if (code === undefined && !parsed.started && ranRemoteCommand(result)) {
    return remoteFailure(facts, 'remote-shell-unsupported', `The host accepted the login but did not run \`/bin/sh -s\` (exit ${result.exitCode}): ${line}. A Windows host, or a login shell that cannot run POSIX commands, cannot serve Docker over SSH.`);
  }
  if (code === undefined) return { status: 'fail', message: `The SSH session ended early: ${line}`, durationMs: Math.round(fact.ms) };
  if (code === 'session-hangs-after-login') return remoteFailure(facts, code, `ssh logged in to ${facts.targetText}, but the session then ran nothing and was stopped at the time limit (${Math.round(fact.ms / 1000)} s).`);
  return remoteFailure(facts, code, `The SSH session ended early: ${line}`);
}
