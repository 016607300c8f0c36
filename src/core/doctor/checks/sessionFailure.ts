import type { ProcessResult } from '../../runner';
import { diagnoseSsh, firstErrorLine } from '../diagnose';
import { type DoctorFacts, type Verdict } from './facts';
import { remoteFailure } from './remoteFailure';

/** ssh exits 255 for its own failures; any other status is the remote command's, so the login worked. */
export function ranRemoteCommand(result: ProcessResult): boolean {
  return result.exitCode !== undefined && result.exitCode !== 255 && !result.timedOut && !result.cancelled;
}

/**
 * For a remote check whose prerequisites were not selected (`only`) or passed, but whose session
 * still broke off: say why, with the code ssh's own output gives. A session that logged in and
 * never printed the probe's first line ran no POSIX /bin/sh (Windows OpenSSH's cmd.exe or PowerShell).
 */
export function sessionFailure(facts: DoctorFacts): Verdict {
  const fact = facts.probe!;
  const { result, parsed } = fact.value;
  const code = diagnoseSsh(result) ?? (result.timedOut || result.cancelled ? 'connect-timeout' : undefined);
  const line = firstErrorLine(result.stderr) || (result.timedOut ? 'no answer within the time limit' : `ssh exited with ${result.exitCode ?? 'no status'}`);
  if (code === undefined && !parsed.started && ranRemoteCommand(result)) {
    return remoteFailure(facts, 'remote-shell-unsupported', `The host accepted the login but did not run \`/bin/sh -s\` (exit ${result.exitCode}): ${line}. A Windows host, or a login shell that cannot run POSIX commands, cannot serve Docker over SSH.`);
  }
  if (code === undefined) return { status: 'fail', message: `The SSH session ended early: ${line}`, durationMs: Math.round(fact.ms) };
  return remoteFailure(facts, code, `The SSH session ended early: ${line}`);
}
