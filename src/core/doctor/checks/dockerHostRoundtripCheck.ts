import { homedir } from 'node:os';
import { join } from 'node:path';
import { diagnoseDocker, diagnoseSsh, firstErrorLine } from '../diagnose';
import { fixFor } from '../fixes';
import { type DoctorFacts, type EarlierResults, type Verdict, pass, skip, blockedBy, fixContextOf } from './facts';

/**
 * `docker -H ssh://… version` from this machine: the exact path the Docker extension takes. The
 * docker CLI runs plain `ssh` without -F, so only ~/.ssh/config applies there.
 */
export function dockerHostRoundtripCheck(facts: DoctorFacts, earlier: EarlierResults): Verdict {
  const blocker = blockedBy(earlier, ['local-docker-cli', 'ssh-client', 'host-key', 'auth', 'remote-docker-cli', 'remote-docker-engine', 'ssh-master']);
  if (blocker) return skip(`Skipped: needs a passing ${blocker.id} check.`);
  if (facts.roundtrip === undefined) {
    // Not run on purpose (see runDoctor): our StrictHostKeyChecking=yes session did not log in, so
    // ssh has not verified the host key in this run.
    const session = facts.probe?.value.result;
    const code = (session ? diagnoseSsh(session) : undefined) ?? 'host-key-unknown';
    return {
      status: 'fail',
      code,
      message: `Not run: ssh did not verify the host key of ${facts.targetText} in this run (${firstErrorLine(session?.stderr ?? '') || 'our session did not log in'}), and the docker CLI's own ssh could accept an unknown or changed key without asking (StrictHostKeyChecking accept-new or no in the ssh config).`,
      fix: fixFor(code, fixContextOf(facts)),
      durationMs: 0,
    };
  }
  const fact = facts.roundtrip;
  const result = fact.value;
  const server = result.stdout.split('|')[1]?.trim() ?? '';
  if (result.exitCode === 0 && server !== '') return pass(`DOCKER_HOST=${facts.dockerHost} reaches Docker Engine ${server}.`, fact.ms);
  const code = result.spawnError !== undefined ? 'local-docker-missing' : (diagnoseSsh(result) ?? diagnoseDocker(result) ?? (result.timedOut ? 'connect-timeout' : undefined));
  const defaultConfig = join(homedir(), '.ssh', 'config');
  const configNote = facts.configFile !== undefined && facts.configFile !== defaultConfig ? ` Note: the docker CLI reads ${defaultConfig}, not ${facts.configFile}.` : '';
  const line = firstErrorLine(result.stderr) || `docker exited with ${result.exitCode ?? 'no status'}`;
  return { status: 'fail', ...(code ? { code, fix: fixFor(code, fixContextOf(facts)) } : {}), message: `docker -H ${facts.dockerHost} failed: ${line}.${configNote}`, durationMs: Math.round(fact.ms) };
}
