import { diagnoseSsh } from '../diagnose';
import { fixFor } from '../fixes';
import { type DoctorFacts, type Verdict, pass, fixContextOf } from './facts';

/** `ssh -V`: is an OpenSSH client there at all. */
export function sshClientCheck(facts: DoctorFacts): Verdict {
  const fact = facts.sshVersion!;
  const result = fact.value;
  if (diagnoseSsh(result) === 'ssh-missing' || result.spawnError !== undefined) {
    return { status: 'fail', code: 'ssh-missing', message: `No ssh client found on the PATH (${result.spawnError ?? 'not found'}).`, fix: fixFor('ssh-missing', fixContextOf(facts)), durationMs: Math.round(fact.ms) };
  }
  // ssh -V prints its version on stderr: "OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 …".
  const version = `${result.stderr}\n${result.stdout}`.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? 'ssh';
  return pass(version.replace(/,.*$/, ''), fact.ms);
}
