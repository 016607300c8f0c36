import { fixFor } from '../fixes';
import { type DoctorFacts, type Verdict, pass, skip, fixContextOf } from './facts';

/** `docker --version` here: the DOCKER_HOST path runs the local CLI, which runs ssh. */
export function localDockerCliCheck(facts: DoctorFacts): Verdict {
  // On the DOCKER_HOST path the round trip ran the local CLI already; its first field is the client version.
  const fact = facts.localDocker ?? facts.roundtrip!;
  const result = fact.value;
  if (result.spawnError !== undefined) {
    return { status: 'fail', code: 'local-docker-missing', message: `No docker CLI on this machine's PATH (${result.spawnError}).`, fix: fixFor('local-docker-missing', fixContextOf(facts)), durationMs: Math.round(fact.ms) };
  }
  if (facts.localDocker === undefined) {
    const client = result.stdout.split('|')[0].trim();
    if (client !== '') return pass(`docker CLI ${client} on this machine.`, fact.ms);
    // No client version at all: the CLI ran but printed nothing we know; say what it said.
    return { status: 'fail', message: `docker version printed no client version: ${result.stderr.trim()}`, durationMs: Math.round(fact.ms) };
  }
  // It waits for the session (the round trip may make it redundant); a session that used up the time limit leaves it none.
  if (result.exitCode !== 0 && (result.timedOut || result.cancelled)) return skip('Skipped: the time limit ran out before `docker --version` could finish.');
  if (result.exitCode !== 0) return { status: 'fail', message: `docker --version failed: ${result.stderr.trim()}`, durationMs: Math.round(fact.ms) };
  return pass(result.stdout.trim(), fact.ms);
}
