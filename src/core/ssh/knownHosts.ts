import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFile, lstat, mkdir, readFile, stat } from 'node:fs/promises';
import { withFileLock } from '../fs/fileLock';
import { dirname } from 'node:path';
import { parseDoctorTarget } from './doctorTarget';
import { readEffectiveSshConfig, type EffectiveSshConfig } from './sshEffectiveConfig';
import { runProcess, type ProcessResult } from '../runner';
import { BadInputError } from '../errors';

export interface HostKey {
  readonly type: string;
  /** The base64 key blob as it appears in known_hosts. */
  readonly key: string;
  readonly fingerprint: string;
}

export interface KnownHostEntry extends HostKey {
  readonly file: string;
  /** `@revoked` or `@cert-authority` lines; such a line never counts as "this key is trusted". */
  readonly marker?: string;
}

export interface ProcessOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
}

/** SHA256 fingerprint exactly as `ssh-keygen -l` prints it: unpadded base64 of the blob's digest. */
export function fingerprintOf(keyBase64: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

export function isFingerprint(text: string): boolean {
  return /^SHA256:[A-Za-z0-9+/]{43}$/.test(text);
}

function parseKeyLines(text: string): { marker?: string; type: string; key: string }[] {
  const keys: { marker?: string; type: string; key: string }[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === '' || fields[0].startsWith('#')) continue;
    const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
    if (fields.length >= 3) keys.push({ marker, type: fields[1], key: fields[2] });
  }
  return keys;
}

/** Known keys for `name` (already `[host]:port` where needed) in each file, via `ssh-keygen -F` (it understands hashed lines). */
export async function lookupKnownHosts(name: string, files: readonly string[], options: ProcessOptions): Promise<KnownHostEntry[]> {
  const existing = (await Promise.all(files.map(async (file) => ((await stat(file).catch(() => undefined))?.isFile() ? file : undefined)))).filter((file): file is string => file !== undefined);
  const lists = await Promise.all(
    existing.map(async (file) => {
      const result = await runProcess('ssh-keygen', ['-F', name, '-f', file], options);
      return result.exitCode === 0 ? parseKeyLines(result.stdout).map((entry) => ({ ...entry, file, fingerprint: fingerprintOf(entry.key) })) : [];
    }),
  );
  return lists.flat();
}

export interface ScanOutcome {
  readonly keys: HostKey[];
  readonly result?: ProcessResult;
  readonly config?: EffectiveSshConfig;
  /** Set when the effective config could not be read (then nothing was scanned). */
  readonly configError?: ProcessResult;
}

const allScanTypes = ['ed25519', 'ecdsa', 'rsa'];

/**
 * ssh-keyscan opens one connection per key type, so the doctor asks only for the types
 * known_hosts already has for the host (enough to tell trusted from changed), or all when none.
 */
export function scanTypesFor(known: readonly KnownHostEntry[]): string[] {
  const types = new Set<string>();
  for (const { type } of known) {
    if (type.includes('ed25519')) types.add('ed25519');
    else if (type.startsWith('ecdsa')) types.add('ecdsa');
    else if (type.includes('rsa')) types.add('rsa');
  }
  return types.size > 0 ? [...types] : allScanTypes;
}

/** The keys the host offers right now (`ssh-keyscan`), at the host name and port ssh would use. */
export async function scanOfferedKeys(config: EffectiveSshConfig, options: ProcessOptions & { timeoutSeconds: number; types?: readonly string[] }): Promise<{ keys: HostKey[]; result: ProcessResult }> {
  const host = config.hostname;
  // HostName comes from a config file: never let it turn into an option either.
  if (host === '' || host.startsWith('-')) throw new BadInputError(`the ssh config gives the unusable host name "${host}"`);
  const result = await runProcess('ssh-keyscan', ['-T', String(options.timeoutSeconds), '-p', String(config.port), '-t', (options.types ?? allScanTypes).join(','), '--', host], options);
  const keys = parseKeyLines(result.stdout).map(({ type, key }) => ({ type, key, fingerprint: fingerprintOf(key) }));
  return { keys, result };
}

/** `scanHostKeys(target, configFile, opts)` from the module contract: resolve the target, then scan. */
export async function scanHostKeys(target: string, configFile: string | undefined, options: ProcessOptions): Promise<ScanOutcome> {
  const parsed = parseDoctorTarget(target);
  const { config, result } = await readEffectiveSshConfig(parsed, configFile, options);
  if (!config) return { keys: [], configError: result };
  const scanned = await scanOfferedKeys(config, { ...options, timeoutSeconds: Math.max(1, Math.floor(options.timeoutMs / 1000)) });
  return { ...scanned, config };
}

export type HostKeyVerdict = 'trusted' | 'unknown' | 'changed' | 'revoked';

/**
 * Compares known_hosts with what the host offers. ssh prefers algorithms it already knows for a
 * host, so one offered key that is known is enough; a known key *type* offered with a different
 * key is a changed host key, the signature of a man in the middle or a reinstalled server.
 */
export function judgeHostKeys(known: readonly KnownHostEntry[], offered: readonly HostKey[]): HostKeyVerdict {
  const plain = known.filter((entry) => entry.marker === undefined);
  const revoked = known.filter((entry) => entry.marker === '@revoked');
  if (offered.some((key) => revoked.some((entry) => entry.key === key.key))) return 'revoked';
  if (offered.some((key) => plain.some((entry) => entry.key === key.key && entry.type === key.type))) return 'trusted';
  if (offered.some((key) => plain.some((entry) => entry.type === key.type && entry.key !== key.key))) return 'changed';
  return 'unknown';
}

/** A `|1|salt|hash` host field, as ssh writes with HashKnownHosts yes. */
function hashedHostName(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

export type TrustOutcome =
  | { readonly status: 'written' | 'already-trusted'; readonly file: string; readonly key: HostKey; readonly name: string }
  | { readonly status: 'mismatch'; readonly offered: HostKey[]; readonly name: string }
  | { readonly status: 'changed'; readonly offered: HostKey[]; readonly known: KnownHostEntry[]; readonly name: string }
  | { readonly status: 'unreachable'; readonly detail: string; readonly name: string };

/**
 * Adds the host's key to the user's known_hosts, but only the key whose fingerprint the user
 * confirmed and only when the host offers it right now. A changed key is never replaced here:
 * that decision needs a human who knows why the key changed.
 */
export async function trustHostKey(target: string, fingerprint: string, configFile: string | undefined, options: ProcessOptions): Promise<TrustOutcome> {
  if (!isFingerprint(fingerprint)) throw new BadInputError(`"${fingerprint}" is not a SHA256 fingerprint (SHA256: followed by 43 base64 characters, as ssh-keygen -l prints it)`);
  const scan = await scanHostKeys(target, configFile, options);
  if (!scan.config) return { status: 'unreachable', detail: scan.configError?.stderr.trim() ?? 'ssh -G failed', name: target };
  const config = scan.config;
  const name = config.knownHostsName;
  // ssh-keyscan goes straight to HostName:port, not through ProxyJump/ProxyCommand: what it would
  // fetch is not necessarily the host ssh reaches. Let ssh itself show the key, through the proxy.
  if (config.proxied) {
    const flag = configFile !== undefined ? `-F '${configFile.replace(/'/g, `'\\''`)}' ` : '';
    throw new BadInputError(`${target} is reached through ${config.get('proxyjump') !== undefined ? `ProxyJump ${config.get('proxyjump')}` : 'a ProxyCommand'}, which ssh-keyscan cannot follow. Let ssh show you the key through the proxy and answer "yes" only if the fingerprint matches ${fingerprint}: \`ssh ${flag}-o StrictHostKeyChecking=ask -o UpdateHostKeys=no -- ${target} true\`. For an unknown jump host, run trust-host for the jump host itself first.`);
  }
  if (scan.keys.length === 0) return { status: 'unreachable', detail: scan.result?.stderr.trim() || `no SSH server answered at ${config.hostname} port ${config.port}`, name };
  const files = config.list('userknownhostsfile').map((file) => config.expandPath(file));
  if (files.length === 0) throw new BadInputError('the ssh config sets UserKnownHostsFile none; there is no file to write the key to');
  const known = await lookupKnownHosts(name, [...files, ...config.list('globalknownhostsfile').map((file) => config.expandPath(file))], options);
  const key = scan.keys.find((offered) => offered.fingerprint === fingerprint);
  if (!key) return { status: 'mismatch', offered: scan.keys, name };
  const verdict = judgeHostKeys(known, scan.keys);
  if (verdict === 'changed' || verdict === 'revoked') return { status: 'changed', offered: scan.keys, known, name };
  if (known.some((entry) => entry.key === key.key && entry.marker === undefined)) return { status: 'already-trusted', file: known.find((entry) => entry.key === key.key)!.file, key, name };
  const file = files[0];
  // ssh would read nothing back from /dev/null, a folder or a FIFO: "adding" there trusts nothing.
  const existing = await lstat(file).catch(() => undefined);
  const info = existing?.isSymbolicLink() ? await stat(file).catch(() => undefined) : existing;
  if (info !== undefined && !info.isFile()) throw new BadInputError(`UserKnownHostsFile ${file} is not a regular file, so ssh cannot keep a key there; point UserKnownHostsFile at a file (default ~/.ssh/known_hosts)`);
  // The way ssh looks the host up (HostKeyAlias as written, [host]:port), hashed when HashKnownHosts is on.
  const hostField = config.get('hashknownhosts') === 'yes' ? hashedHostName(name) : name;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Under the lock, look again: a parallel trust-host may have written the key meanwhile.
  return withFileLock(`${file}.lock`, async () => {
    const now = await lookupKnownHosts(name, [file], options);
    const present = now.find((entry) => entry.key === key.key && entry.marker === undefined);
    if (present) return { status: 'already-trusted', file, key, name };
    const current = await readFile(file, 'utf8').catch(() => undefined);
    const separator = current !== undefined && current !== '' && !current.endsWith('\n') ? '\n' : '';
    await appendFile(file, `${separator}${hostField} ${key.type} ${key.key}\n`, { mode: 0o600 });
    return { status: 'written', file, key, name };
  });
}
