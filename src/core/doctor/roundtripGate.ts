import { parseDoctorTarget } from '../ssh/doctorTarget';
import { readEffectiveSshConfig, type EffectiveSshConfig } from '../ssh/sshEffectiveConfig';
import type { ProcessResult } from '../runner';
import { parseRemoteProbe } from './remoteProbe';

/*
 * When the docker round trip may start. Its ssh is the user's own (docker runs plain `ssh`, which
 * reads the user's config), so by the trust rule it may authenticate only to a host whose key our
 * StrictHostKeyChecking=yes session verified in this run: it waits for our session's login. The
 * one exception: when docker's ssh itself cannot accept a key on its own, it refuses an unknown or
 * changed key exactly as our session would, so the two may run side by side.
 */

/**
 * Our session (StrictHostKeyChecking=yes, BatchMode) has logged in during this run, so ssh verified
 * the host key: its script's first line is out. Read from the output so far, so the round trip
 * need not wait for the remote checks to end.
 */
export function sessionLoggedIn(stdoutSoFar: string): boolean {
  return parseRemoteProbe(stdoutSoFar).started;
}

/**
 * True only when `ssh -G`, run as docker's ssh runs (no -F, the same environment and destination),
 * shows a config that cannot take a host key without a known_hosts match: StrictHostKeyChecking yes,
 * or `ask` (ssh's default) on POSIX, where the doctor runs docker without a controlling terminal and
 * with SSH_ASKPASS_REQUIRE=never (runner.ts), so ssh has nobody to ask and refuses the key, exactly as
 * with `yes` (Windows' OpenSSH asks through the console, so there `ask` still waits); `accept-new`
 * and `no`/`off` accept keys by themselves. Also no DNS-trusted keys (VerifyHostKeyDNS yes trusts
 * SSHFP records), and no ProxyJump/ProxyCommand, whose hops read their own, possibly laxer, settings.
 * UpdateHostKeys only adds keys after a verified login, so it does not matter. Anything else,
 * including a DOCKER_HOST that is not a plain ssh:// destination, is "not sure": then the round trip waits.
 */
export function dockerSshIsStrict(config: EffectiveSshConfig | undefined, platform: NodeJS.Platform): boolean {
  const strict = config?.get('stricthostkeychecking');
  const refusesUnknownKeys = strict === 'true' || (strict === 'ask' && platform !== 'win32');
  return config !== undefined && refusesUnknownKeys && config.get('verifyhostkeydns') === 'false' && !config.proxied;
}

/** `ssh -G` for the destination of an ssh:// DOCKER_HOST, as the docker CLI's ssh would see it. */
export async function dockerSshView(dockerHost: string, options: { timeoutMs: number; signal?: AbortSignal; env: NodeJS.ProcessEnv }): Promise<{ config?: EffectiveSshConfig; result?: ProcessResult }> {
  if (!/^ssh:\/\//i.test(dockerHost)) return {};
  let destination;
  try {
    destination = parseDoctorTarget(dockerHost.replace(/^ssh:\/\//i, ''));
  } catch {
    return {};
  }
  return readEffectiveSshConfig(destination, undefined, options);
}
