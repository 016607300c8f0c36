import { diagnoseDocker, firstErrorLine } from '../diagnose';
import { fixFor } from '../fixes';
import { type DoctorFacts, type EarlierResults, type Verdict, pass, skip, blockedBy, fixContextOf } from './facts';
import { sessionFailure } from './sessionFailure';

/** `docker version` on the host as the SSH user: the engine answers on the socket that user may open. */
export function remoteDockerEngineCheck(facts: DoctorFacts, earlier: EarlierResults): Verdict {
  if (blockedBy(earlier, ['ssh-client', 'host-key', 'auth', 'remote-docker-cli'])) return skip('Skipped: needs the docker CLI on the host.');
  const fact = facts.probe!;
  const { parsed } = fact.value;
  if (!parsed.complete && parsed.engineExit === undefined) return sessionFailure(facts);
  if (parsed.cliPath === undefined) return skip('Skipped: no docker CLI on the host.');
  const where = parsed.dockerHost ?? 'the default socket';
  if (parsed.engineExit === 0 && parsed.serverVersion) return pass(`Docker Engine ${parsed.serverVersion} answers at ${where}.`, fact.ms);
  const code = diagnoseDocker({ exitCode: parsed.engineExit, stderr: parsed.engineOutput });
  const line = firstErrorLine(parsed.engineOutput) || `docker version exited with ${parsed.engineExit}`;
  if (code === 'docker-socket-permission') {
    const groups = parsed.groups.length > 0 ? ` (groups: ${parsed.groups.join(' ')})` : '';
    return { status: 'fail', code, message: `${parsed.user ?? 'The SSH user'}${groups} may not open the Docker socket at ${where}: ${line}`, fix: fixFor(code, fixContextOf(facts)), durationMs: Math.round(fact.ms) };
  }
  if (code === 'docker-daemon-down') {
    return { status: 'fail', code, message: `The Docker Engine does not answer at ${where}: ${line}`, fix: fixFor(code, fixContextOf(facts)), durationMs: Math.round(fact.ms) };
  }
  return { status: 'fail', ...(code ? { code, fix: fixFor(code, fixContextOf(facts)) } : {}), message: `docker version failed on the host: ${line}`, durationMs: Math.round(fact.ms) };
}
