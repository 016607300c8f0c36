import { fixFor } from '../fixes';
import { type DoctorFacts, type EarlierResults, type Verdict, pass, skip, blockedBy, fixContextOf } from './facts';
import { sessionFailure } from './sessionFailure';

/** `command -v docker` in a non-interactive session: what Remote-SSH's server and `docker system dial-stdio` get. */
export function remoteDockerCliCheck(facts: DoctorFacts, earlier: EarlierResults): Verdict {
  if (blockedBy(earlier, ['ssh-client', 'host-key', 'auth'])) return skip('Skipped: needs an SSH login.');
  const fact = facts.probe!;
  const { parsed } = fact.value;
  if (!parsed.started || (!parsed.complete && parsed.cliPath === undefined)) return sessionFailure(facts);
  if (parsed.cliPath !== undefined) return pass(`docker${parsed.clientVersion ? ` ${parsed.clientVersion}` : ''} is at ${parsed.cliPath} on the host.`, fact.ms);
  return { status: 'fail', code: 'remote-docker-missing', message: `\`docker\` is not on the PATH of a non-interactive SSH session for ${parsed.user ?? 'the user'}.`, fix: fixFor('remote-docker-missing', fixContextOf(facts)), durationMs: Math.round(fact.ms) };
}
