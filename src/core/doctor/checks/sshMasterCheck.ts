import { fixFor } from '../fixes';
import { type DoctorFacts, type Verdict, pass, skip, fixContextOf } from './facts';

/**
 * The user's shared connection (ControlMaster) for the host: docker's ssh rides on it. A dead one
 * leaves its socket (a `docker events` on it has ended); a stopped or hung one makes every docker
 * command wait. Bounded by masterAnswerMs, so a hung master never holds the doctor.
 */
export function sshMasterCheck(facts: DoctorFacts): Verdict {
  const fact = facts.master;
  if (fact === undefined) return skip('Skipped: ssh -G did not say which control socket ssh would use.');
  const state = fact.value;
  const ms = Math.round(fact.ms);
  switch (state.kind) {
    case 'not-configured':
      return pass('No connection reuse (ControlPath) is set for this host: each docker command opens its own ssh connection.', ms);
    case 'none':
      return pass(`Connection reuse is set; no shared connection is open now (the next ssh opens one at ${state.controlPath}).`, ms);
    case 'running':
      return pass(`The shared ssh connection at ${state.controlPath} answers (${state.detail}).`, ms);
    case 'unknown':
      return pass(`The shared ssh connection at ${state.controlPath} could not be asked (${state.detail}); ssh itself deals with it.`, ms);
    case 'stale':
      return {
        status: 'fail',
        code: 'ssh-master-stale',
        message: `The shared ssh connection for ${facts.targetText} has died and left its socket ${state.controlPath}; docker commands that were using it (docker events, the Docker explorer's updates) have stopped.`,
        fix: fixFor('ssh-master-stale', fixContextOf(facts, { controlPath: state.controlPath })),
        durationMs: ms,
      };
    case 'hung':
      return {
        status: 'fail',
        code: 'ssh-master-hung',
        message: `The shared ssh connection at ${state.controlPath} accepts but did not answer within ${Math.round(state.waitedMs / 1000)} s (stopped or hung): every docker command through it waits.`,
        fix: fixFor('ssh-master-hung', fixContextOf(facts, { controlPath: state.controlPath })),
        durationMs: ms,
      };
  }
}
