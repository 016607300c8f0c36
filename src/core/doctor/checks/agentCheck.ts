import { diagnoseSshAdd } from '../diagnose';
import { fixFor } from '../fixes';
import { type DoctorFacts, type Verdict, pass, fixContextOf } from './facts';

/** `ssh-add -l`: is an agent reachable through SSH_AUTH_SOCK. Whether it holds keys is the identity check. */
export function agentCheck(facts: DoctorFacts): Verdict {
  const fact = facts.agent!;
  // ssh asks no agent at all for this host; whether its key files work is the auth check's (ssh's) word.
  if (facts.effective?.value.config?.get('identityagent') === 'none') return pass(`The ssh config sets IdentityAgent none for ${facts.targetText}: ssh uses no agent there, only key files.`, fact.ms);
  const code = diagnoseSshAdd(fact.value.result);
  if (code === 'ssh-missing') {
    return { status: 'fail', code, message: 'ssh-add is missing, so the agent cannot be asked for keys.', fix: fixFor(code, fixContextOf(facts)), durationMs: Math.round(fact.ms) };
  }
  if (code === 'agent-not-responding') {
    return { status: 'fail', code, message: `The ssh-agent at SSH_AUTH_SOCK did not answer within ${Math.round(fact.ms / 1000)} s.`, fix: fixFor(code, fixContextOf(facts)), durationMs: Math.round(fact.ms) };
  }
  if (code === 'agent-not-running') {
    const detail = fact.value.result.stderr.trim() || 'no agent answered';
    return { status: 'fail', code, message: `No ssh-agent is reachable (${detail}). The docker CLI's ssh needs it to use your key without a prompt.`, fix: fixFor(code, fixContextOf(facts)), durationMs: Math.round(fact.ms) };
  }
  return pass(`An ssh-agent is running (SSH_AUTH_SOCK is set and answers).`, fact.ms);
}
