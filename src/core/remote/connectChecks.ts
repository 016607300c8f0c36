/**
 * The doctor runs behind `connectAndInstall`. Remote-SSH needs ssh to get in; the agent only
 * matters when it does not (a key with a passphrase that is not loaded makes BatchMode ssh fail
 * where Remote-SSH would prompt), so the agent is asked only after a denied login. The usual
 * case therefore costs one doctor run, about one SSH handshake.
 */
import { runDoctor, type CheckResult } from '../doctor/doctor';

export interface ConnectCheckOptions {
  readonly target: string;
  readonly configFile?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
}

export async function runConnectChecks(options: ConnectCheckOptions): Promise<CheckResult[]> {
  const access = await runDoctor({ ...options, path: 'remote-ssh', only: ['ssh-client', 'host-key', 'auth'] });
  const auth = access.checks.find((check) => check.id === 'auth');
  if (auth?.status !== 'fail' || auth.code !== 'auth-publickey-denied') {
    return access.checks;
  }
  // The agent checks belong to the DOCKER_HOST path in the doctor's tables; asked for by id here.
  const agent = await runDoctor({ ...options, path: 'docker-host', only: ['agent', 'identity'] });
  return [...access.checks, ...agent.checks];
}
