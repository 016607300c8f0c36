import { firstErrorLine, hostKeyNameInError } from '../diagnose';
import { fixFor } from '../fixes';
import { unreachableCodes, type FailureCode } from '../failureCodes';
import { judgeHostKeys } from '../../ssh/knownHosts';
import { type DoctorFacts, type EarlierResults, type SessionFact, type Verdict, pass, skip, blockedBy, fixContextOf, sshLoggedIn } from './facts';
import { sessionFailureCode } from './sessionFailure';

/**
 * ssh checks the host key before it authenticates: a session that logged in, or that got as far
 * as a refused key, has passed StrictHostKeyChecking=yes against known_hosts.
 */
export function hostKeyVerifiedBySession(session: SessionFact, sshCode: FailureCode | undefined): boolean {
  return sshLoggedIn(session) || sshCode === 'auth-publickey-denied';
}

/**
 * known_hosts (`ssh-keygen -F`) against what the host offers (`ssh-keyscan`). Reaching the host
 * is judged here too, from the one real ssh session: a name that does not resolve, a refused
 * port or no answer is the first thing that stands between the user and the host key.
 */
export function hostKeyCheck(facts: DoctorFacts, earlier: EarlierResults): Verdict {
  if (blockedBy(earlier, ['ssh-client'])) return skip('Skipped: needs the ssh client.');
  const probe = facts.probe?.value.result;
  // Killed by the time limit before ssh said why (a --timeout shorter than the connect): still a timeout.
  const sshCode = facts.probe ? sessionFailureCode(facts.probe.value) : undefined;
  const config = facts.effective?.value.config;
  const hostKeys = facts.hostKeys?.value;
  const ms = Math.max(facts.hostKeys?.ms ?? 0, sshCode !== undefined ? (facts.probe?.ms ?? 0) : 0);
  if (!config) {
    const result = facts.effective?.value.result;
    if (result && (result.timedOut || result.cancelled)) {
      return { status: 'fail', code: 'connect-timeout', message: `The time limit ran out before ssh had even read its configuration for ${facts.targetText}.`, fix: fixFor('connect-timeout', fixContextOf(facts)), durationMs: Math.round(facts.effective?.ms ?? 0) };
    }
    return { status: 'fail', code: 'bad-target', message: `ssh cannot read the configuration for ${facts.targetText}: ${firstErrorLine(result?.stderr ?? '')}`, fix: fixFor('bad-target', fixContextOf(facts)), durationMs: Math.round(facts.effective?.ms ?? 0) };
  }
  if (sshCode !== undefined && unreachableCodes.has(sshCode)) {
    const line = firstErrorLine(probe!.stderr) || (probe!.timedOut ? `no answer within the time limit` : '');
    return { status: 'fail', code: sshCode, message: `Cannot reach ${config.hostname} port ${config.port}: ${line}`, fix: fixFor(sshCode, fixContextOf(facts)), durationMs: Math.round(ms) };
  }
  // Through a proxy, the key ssh rejected may be a jump host's: report it as that host's.
  const rejectedName = probe && config.proxied && (sshCode === 'host-key-unknown' || sshCode === 'host-key-changed' || sshCode === 'host-key-revoked') ? hostKeyNameInError(probe.stderr) : undefined;
  if (rejectedName !== undefined && rejectedName !== config.knownHostsName) {
    const hop = config.get('proxyjump')?.split(',')[0] ?? rejectedName.replace(/^\[(.*)\]:(\d+)$/, '$1:$2');
    const what = sshCode === 'host-key-unknown' ? 'is not in known_hosts' : sshCode === 'host-key-revoked' ? 'offers a REVOKED key' : 'has a CHANGED key';
    return {
      status: 'fail',
      code: sshCode!,
      message: `${sshCode === 'host-key-unknown' ? '' : 'SECURITY: '}The jump host ${rejectedName} (on the way to ${config.knownHostsName}) ${what}: ${firstErrorLine(probe!.stderr)}`,
      fix:
        sshCode === 'host-key-unknown'
          ? `Check the jump host on its own: \`remote-docker-ssh doctor ${hop}${fixContextOf(facts).configFile !== undefined ? ` --config ${fixContextOf(facts).configFile}` : ''}\` shows its fingerprint and the \`trust-host ${hop} --fingerprint …\` command to run once you have compared it with its administrator's.`
          : fixFor(sshCode!, fixContextOf(facts, { target: hop, knownHostsName: rejectedName })),
      durationMs: Math.round(ms),
    };
  }
  const offered = hostKeys?.offered ?? [];
  const known = hostKeys?.known ?? [];
  const verdict = offered.length > 0 ? judgeHostKeys(known, offered) : undefined;
  const offeredText = offered.map((key) => `${key.type} ${key.fingerprint}`).join(', ');
  const knownFile = known[0]?.file ?? fixContextOf(facts).knownHostsFile;
  if (verdict === 'revoked' || sshCode === 'host-key-revoked') {
    const revoked = offered.find((key) => known.some((entry) => entry.marker === '@revoked' && entry.key === key.key)) ?? offered[0];
    const revokedFile = known.find((entry) => entry.marker === '@revoked')?.file ?? knownFile;
    return {
      status: 'fail',
      code: 'host-key-revoked',
      message: `SECURITY: ${config.knownHostsName} offers a REVOKED host key${revoked ? ` (${revoked.type} ${revoked.fingerprint})` : ''}, marked @revoked in ${revokedFile}. Someone may be impersonating the host with a stolen key.`,
      fix: fixFor('host-key-revoked', fixContextOf(facts, { offeredFingerprint: revoked?.fingerprint, knownHostsFile: revokedFile })),
      durationMs: Math.round(ms),
    };
  }
  if (verdict === 'changed' || sshCode === 'host-key-changed') {
    const fingerprint = offered.find((key) => known.some((entry) => entry.type === key.type))?.fingerprint ?? offered[0]?.fingerprint;
    return {
      status: 'fail',
      code: 'host-key-changed',
      message: `SECURITY: the host key of ${config.knownHostsName} has CHANGED. known_hosts (${knownFile}) has ${known.map((entry) => `${entry.type} ${entry.fingerprint}`).join(', ')}; the host now offers ${offeredText || 'a different key'}. Someone may be intercepting the connection, or the server was reinstalled.`,
      fix: fixFor('host-key-changed', fixContextOf(facts, { offeredFingerprint: fingerprint, knownHostsFile: knownFile })),
      durationMs: Math.round(ms),
    };
  }
  if (verdict === 'unknown' || sshCode === 'host-key-unknown') {
    const fingerprint = offered[0]?.fingerprint;
    return {
      status: 'fail',
      code: 'host-key-unknown',
      message: `${config.knownHostsName} is not in known_hosts (${config.list('userknownhostsfile').join(', ') || 'none'}). It offers ${offeredText || 'a key ssh could not verify'}.`,
      fix: fixFor('host-key-unknown', fixContextOf(facts, { offeredFingerprint: fingerprint })),
      durationMs: Math.round(ms),
    };
  }
  if (verdict === 'trusted') {
    const match = offered.find((key) => known.some((entry) => entry.key === key.key && entry.marker === undefined))!;
    return pass(`${config.knownHostsName} is known (${match.type} ${match.fingerprint} in ${known.find((entry) => entry.key === match.key && entry.marker === undefined)!.file}).`, ms);
  }
  // Nothing scanned: the session itself verified the key against known_hosts (StrictHostKeyChecking=yes).
  if (facts.probe && hostKeyVerifiedBySession(facts.probe.value, sshCode)) {
    const command = config.get('knownhostscommand');
    const where = known.length > 0 ? ` (${known.map((entry) => `${entry.type} ${entry.fingerprint}`).join(', ')} in ${knownFile})` : command !== undefined ? ` (through KnownHostsCommand ${command})` : '';
    return pass(`${config.knownHostsName} is known${where}; ssh verified the key it offered${config.proxied ? ' through the configured proxy' : ''}.`, Math.max(ms, facts.probe.ms));
  }
  const scanError = firstErrorLine(hostKeys?.scan?.stderr ?? '');
  return { status: 'fail', message: `Could not fetch the host key of ${config.hostname} port ${config.port}${scanError ? `: ${scanError}` : ''}.`, durationMs: Math.round(ms) };
}
