import { fixFor } from '../fixes';
import { type DoctorFacts, type Verdict, pass, fixContextOf } from './facts';

/** `docker --version` here: the DOCKER_HOST path runs the local CLI, which runs ssh. */
export function localDockerCliCheck(facts: DoctorFacts): Verdict {
  const fact = facts.localDocker!;
  const result = fact.value;
  if (result.spawnError !== undefined) {
    return { status: 'fail', code: 'local-docker-missing', message: `No docker CLI on this machine's PATH (${result.spawnError}).`, fix: fixFor('local-docker-missing', fixContextOf(facts)), durationMs: Math.round(fact.ms) };
  }
  if (result.exitCode !== 0) return { status: 'fail', message: `docker --version failed: ${result.stderr.trim()}`, durationMs: Math.round(fact.ms) };
  return pass(result.stdout.trim(), fact.ms);
}
