import { homedir } from 'node:os';
import { join } from 'node:path';
import { diagnoseDocker, diagnoseSsh, firstErrorLine } from '../diagnose';
import { fixFor } from '../fixes';
import { remoteFailure } from './remoteFailure';
import { podmanServesDockerApi, remoteCliServesDialStdio } from './remoteDockerCliCheck';
import { type DoctorFacts, type EarlierResults, type Verdict, pass, skip, blockedBy, fixContextOf } from './facts';
import { sessionFailureCode } from './sessionFailure';

/**
 * `docker -H ssh://… version` from this machine: the exact path the Docker extension takes. The
 * docker CLI runs plain `ssh` without -F, so only ~/.ssh/config applies there.
 */
export function dockerHostRoundtripCheck(facts: DoctorFacts, earlier: EarlierResults): Verdict {
  const blocker = blockedBy(earlier, ['local-docker-cli', 'ssh-client', 'host-key', 'auth', 'remote-docker-cli', 'remote-docker-engine', 'ssh-master']);
  if (blocker) return skip(`Skipped: needs a passing ${blocker.id} check.`);
  if (facts.roundtrip === undefined && facts.probe?.value.parsed.started && !remoteCliServesDialStdio(facts.probe.value.parsed)) {
    return skip('Not run: the host has no docker CLI that serves `docker system dial-stdio` (see remote-docker-cli).');
  }
  // Our session logged in and then hung: a round trip that overlapped it (a strict config lets it)
  // was stopped at the time limit for the same reason, so it gets the same code.
  const sessionHangs = facts.probe !== undefined && sessionFailureCode(facts.probe.value) === 'session-hangs-after-login';
  if (facts.roundtrip === undefined || (sessionHangs && (facts.roundtrip.value.timedOut || facts.roundtrip.value.cancelled))) {
    // Not run on purpose (see runDoctor): our StrictHostKeyChecking=yes session did not log in, so
    // ssh has not verified the host key in this run.
    const session = facts.probe?.value.result;
    const code = (facts.probe ? sessionFailureCode(facts.probe.value) : undefined) ?? 'host-key-unknown';
    return {
      status: 'fail',
      code,
      message: code === 'session-hangs-after-login' ? `Not run: our ssh session logged in to ${facts.targetText} but then ran nothing until the time limit; docker's \`docker system dial-stdio\` would hang the same way.` : `Not run: ssh did not verify the host key of ${facts.targetText} in this run (${firstErrorLine(session?.stderr ?? '') || 'our session did not log in'}), and the docker CLI's own ssh could accept an unknown or changed key without asking (StrictHostKeyChecking accept-new or no in the ssh config).`,
      fix: fixFor(code, fixContextOf(facts)),
      durationMs: 0,
    };
  }
  const fact = facts.roundtrip;
  const result = fact.value;
  const server = result.stdout.split('|')[1]?.trim() ?? '';
  if (result.exitCode === 0 && server !== '') return pass(`DOCKER_HOST=${facts.dockerHost} reaches ${facts.probe !== undefined && podmanServesDockerApi(facts.probe.value.parsed) ? 'Podman' : 'Docker Engine'} ${server}.`, fact.ms);
  const code = result.spawnError !== undefined ? 'local-docker-missing' : (diagnoseSsh(result) ?? diagnoseDocker(result) ?? (result.timedOut ? 'connect-timeout' : undefined));
  const defaultConfig = join(homedir(), '.ssh', 'config');
  const configNote = facts.configFile !== undefined && facts.configFile !== defaultConfig ? ` Note: the docker CLI reads ${defaultConfig}, not ${facts.configFile}.` : '';
  const line = firstErrorLine(result.stderr) || `docker exited with ${result.exitCode ?? 'no status'}`;
  // Our fresh session (ControlPath=none) reached the engine, the docker CLI's ssh did not: it rode a
  // shared connection that logged in before a change, most often the user joining the docker group
  // (docker's ssh helper keeps the remote error to itself: "Cannot connect … docker.example.com").
  const controlPath = facts.effective?.value.config?.get('controlpath');
  const freshSessionWorks = facts.probe?.value.parsed.serverVersion !== undefined && facts.probe.value.parsed.engineExit === 0;
  if ((code === 'docker-socket-permission' || code === 'docker-daemon-down') && freshSessionWorks && controlPath !== undefined && controlPath !== 'none') {
    return remoteFailure(facts, 'docker-group-not-effective', `A fresh SSH session reaches the engine, but docker -H ${facts.dockerHost} does not: the ssh config shares connections (ControlPath ${controlPath}), and the open one logged in before a change, most often ${facts.probe?.value.parsed.user ?? 'the user'} joining the docker group: ${line}`, { staleGroupsIn: 'shared-connection' }, fact.ms);
  }
  return { status: 'fail', ...(code ? { code, fix: fixFor(code, fixContextOf(facts)) } : {}), message: `docker -H ${facts.dockerHost} failed: ${line}.${configNote}`, durationMs: Math.round(fact.ms) };
}
