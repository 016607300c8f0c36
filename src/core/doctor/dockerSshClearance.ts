import { runDoctor } from './doctor';
import { dockerSshIsStrict, dockerSshView } from './roundtripGate';
import { passed, type CheckResult } from './checks/types';

/*
 * The trust rule for a docker command we start outside the doctor (Make Docker over SSH fast's
 * `docker ps` timing). docker's ssh is the user's plain ssh, which under StrictHostKeyChecking
 * accept-new or no would take an unknown key by itself and log in. As with the doctor's round trip
 * (roundtripGate.ts), it may run at once only when `ssh -G` shows it cannot; otherwise our own
 * session must log in first: the doctor's host-key and auth checks, one BatchMode,
 * StrictHostKeyChecking=yes login with our options on every hop.
 */

export type DockerSshClearance =
  | { readonly cleared: true; readonly how: 'docker-ssh-strict' | 'verified-by-our-session' }
  /** Our session did not log in: the check that says why (host-key-unknown, auth-publickey-denied, …). */
  | { readonly cleared: false; readonly refusal: CheckResult };

export interface DockerSshClearanceOptions {
  /** The ssh config the user chose (our session's -F); docker's ssh never gets one. */
  readonly configFile?: string;
  readonly dockerHost: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
}

export async function clearDockerSsh(target: string, options: DockerSshClearanceOptions): Promise<DockerSshClearance> {
  const env = options.env ?? process.env;
  const view = await dockerSshView(options.dockerHost, { timeoutMs: options.timeoutMs, signal: options.signal, env });
  if (dockerSshIsStrict(view.config, process.platform)) return { cleared: true, how: 'docker-ssh-strict' };
  const report = await runDoctor({ target, path: 'docker-host', configFile: options.configFile, timeoutMs: options.timeoutMs, signal: options.signal, env, only: ['host-key', 'auth'] });
  // auth passes only when our session logged in, so ssh verified the host key in this run.
  const auth = report.checks.find((check) => check.id === 'auth')!;
  if (auth.status === 'pass') return { cleared: true, how: 'verified-by-our-session' };
  return { cleared: false, refusal: report.checks.find((check) => !passed(check)) ?? auth };
}
