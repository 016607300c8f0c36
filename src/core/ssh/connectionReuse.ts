import { mkdir, chmod, lstat } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { BadInputError } from '../errors';
import { validateAlias } from './hostSpec';
import { listConfiguredHosts, type ReadConfigOptions } from './config/configFiles';
import { decodeBytes, splitConfigLines, type ConfigLine } from './config/configLines';
import { editConfigFile } from './config/editConfigFile';
import { detectEol, detectIndent, findShadow, startOfAttachedComments } from './config/hostInsertion';
import { defaultControlDir, expandHome, reuseSettings, reuseUnsupportedReason, verifyConnectionReuse, type ReuseCheckOptions, type ReuseVerdict } from './connectionReuseVerdict';

/** The keywords we write; an earlier value of any of them wins over ours (ssh takes the first). */
const reuseKeywords: ReadonlySet<string> = new Set(['controlmaster', 'controlpath', 'controlpersist', 'serveraliveinterval', 'serveralivecountmax']);

/**
 * sun_path holds 104 bytes on macOS and the BSDs (108 on Linux), NUL included. ssh binds the
 * master at `PATH.` + 16 random characters and renames it, and `%C` is 40 hex digits after a "/".
 */
export function maxControlDirLength(platform: NodeJS.Platform): number {
  const sunPath = platform === 'linux' ? 108 : 104;
  return sunPath - 1 - 17 - 41;
}

const beginPrefix = (alias: string) => `# remote-docker-ssh: reuse one ssh connection for ${alias} (undo: remote-docker-ssh hosts reuse ${alias} --undo)`;
/** The file ended without a line break, so ours terminated the last line: undo takes it back too. */
const addedLineBreakNote = ' [a line break was added before this line]';
const endMarker = (alias: string) => `# remote-docker-ssh: end of connection reuse for ${alias}`;

export type ReusePlacement = 'own-block' | 'new-block' | 'new-block-above-global-options' | 'end-of-file';

export type ReusePlan =
  | { readonly kind: 'present'; readonly line: number }
  | { readonly kind: 'add'; readonly placement: ReusePlacement; readonly offset: number; readonly text: string; readonly line: number };

function optionRows(controlDir: string): string[] {
  const controlPath = `${controlDir}/%C`;
  return [
    `ControlMaster ${reuseSettings.controlMaster}`,
    `ControlPath ${/\s/.test(controlPath) ? `"${controlPath}"` : controlPath}`,
    `ControlPersist ${reuseSettings.controlPersistSeconds / 60}m`,
    `ServerAliveInterval ${reuseSettings.serverAliveInterval}`,
    `ServerAliveCountMax ${reuseSettings.serverAliveCountMax}`,
  ];
}

function findBegin(lines: readonly ConfigLine[], alias: string): ConfigLine | undefined {
  const begin = beginPrefix(alias);
  return lines.find((line) => line.keyword === undefined && (line.text.trim() === begin || line.text.trim() === begin + addedLineBreakNote));
}

/** The config is read as latin1 (one character per byte, see configLines): our text is spelled the same way. */
function asLatin1(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1');
}

function isOwnHostLine(line: ConfigLine, latin1Alias: string): boolean {
  return line.keyword === 'host' && line.args.length === 1 && line.args[0].toLowerCase() === latin1Alias.toLowerCase();
}

/**
 * Where the reuse lines go, as a splice of text at a byte offset (every other byte stays). In the
 * host's own `Host ALIAS` block when that is the first block that applies to the alias, right
 * under its Host line so they come before any value the block already has; otherwise as a new
 * `Host ALIAS` block above the first block that could set these options first (a `Host *`, a
 * pattern, a `Match`), or above global options that set them (closed by `Host *`), or at the end.
 * `ssh -G` afterwards is the judge of whether they apply. `text` is the file decoded as latin1; so is the plan's text.
 */
export async function planConnectionReuse(text: string, aliasText: string, controlDirText: string): Promise<ReusePlan> {
  const alias = asLatin1(aliasText);
  const controlDir = asLatin1(controlDirText);
  const lines = splitConfigLines(text);
  const present = findBegin(lines, alias);
  if (present !== undefined) {
    return { kind: 'present', line: present.index + 1 };
  }
  const eol = detectEol(lines);
  const indent = detectIndent(lines);
  const rows = optionRows(controlDir);
  // Included files are not searched here: ssh -G tells whether one of them wins.
  const shadow = await findShadow(lines, alias, async () => false, reuseKeywords);
  const needsLineBreak = text.length > 0 && !text.endsWith('\n');
  const block = (closer: string[], lineBreakAdded: boolean): string =>
    [beginPrefix(alias) + (lineBreakAdded ? addedLineBreakNote : ''), `Host ${alias}`, ...rows.map((row) => indent + row), ...closer, endMarker(alias)].map((row) => row + eol).join('');
  const lineOf = (offset: number, prefix = '') => (text.slice(0, offset) + prefix).split('\n').length;

  if (shadow.kind === 'block' && isOwnHostLine(lines[shadow.index], alias)) {
    const hostLine = lines[shadow.index];
    const lineBreakAdded = hostLine.eol === '';
    const inner = [indent + beginPrefix(alias) + (lineBreakAdded ? addedLineBreakNote : ''), ...rows.map((row) => indent + row), indent + endMarker(alias)];
    const prefix = lineBreakAdded ? eol : '';
    return { kind: 'add', placement: 'own-block', offset: hostLine.end, text: prefix + inner.map((row) => row + eol).join(''), line: lineOf(hostLine.end, prefix) };
  }
  if (shadow.kind === 'none') {
    const prefix = needsLineBreak ? eol : '';
    return { kind: 'add', placement: 'end-of-file', offset: text.length, text: prefix + block([], needsLineBreak), line: lineOf(text.length, prefix) };
  }
  const global = shadow.kind === 'global';
  const first = global ? lines.findIndex((line) => line.keyword !== undefined) : shadow.index;
  const offset = lines[startOfAttachedComments(lines, first)].start;
  return {
    kind: 'add',
    placement: global ? 'new-block-above-global-options' : 'new-block',
    offset,
    text: block(global ? ['Host *'] : [], false),
    line: lineOf(offset),
  };
}

/**
 * The byte ranges to cut to undo planConnectionReuse: its two marker lines and, between them, the
 * lines it wrote (our option keywords, `Host ALIAS`, the `Host *` closer). A line the user added in
 * between stays. Undefined when the file has no reuse lines for the alias.
 */
export function planReuseUndo(text: string, aliasText: string): Array<[number, number]> | undefined {
  const alias = asLatin1(aliasText);
  const lines = splitConfigLines(text);
  const begin = findBegin(lines, alias);
  if (begin === undefined) {
    return undefined;
  }
  const end = lines.find((line) => line.index > begin.index && line.keyword === undefined && line.text.trim() === endMarker(alias));
  if (end === undefined) {
    throw new BadInputError(`The line "${endMarker(alias)}" after line ${begin.index + 1} is missing, so where the reuse lines end is unknown. Remove them by hand; nothing was changed.`);
  }
  const ranges: Array<[number, number]> = [];
  for (const line of lines.slice(begin.index, end.index + 1)) {
    const ours =
      line === begin ||
      line === end ||
      (line.keyword !== undefined && reuseKeywords.has(line.keyword)) ||
      (line.keyword === 'host' && line.args.length === 1 && (line.args[0] === '*' || isOwnHostLine(line, alias)));
    if (!ours) continue;
    const last = ranges.at(-1);
    if (last !== undefined && last[1] === line.start) last[1] = line.end;
    else ranges.push([line.start, line.end]);
  }
  if (begin.text.trim().endsWith(addedLineBreakNote) && end.end === text.length && ranges[0][0] > 0) {
    // Ours ended the user's last line; the file ended without a line break before.
    ranges[0][0] -= text[ranges[0][0] - 2] === '\r' ? 2 : 1;
  }
  return ranges;
}

function cut(original: Buffer, ranges: ReadonlyArray<[number, number]>): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (const [start, end] of ranges) {
    parts.push(original.subarray(from, start));
    from = end;
  }
  parts.push(original.subarray(from));
  return Buffer.concat(parts);
}

export interface ReuseOptions extends ReadConfigOptions, Omit<ReuseCheckOptions, 'expectOurs'> {
  readonly platform?: NodeJS.Platform;
  readonly lockTimeoutMs?: number;
}

export interface ReuseResult extends ReuseVerdict {
  readonly file: string;
  readonly backupFile?: string;
  /** False when the lines were already there (or, for undo, when there was nothing to remove). */
  readonly written: boolean;
  readonly placement?: ReusePlacement;
  /** 1-based line of our first line. */
  readonly line?: number;
}

function validateControlDir(controlDir: string, platform: NodeJS.Platform): string {
  if (/["'\\\r\n#%]/.test(controlDir) || !(controlDir.startsWith('/') || controlDir.startsWith('~/'))) {
    throw new BadInputError(`The control socket folder ${JSON.stringify(controlDir)} must be an absolute or ~/ path without quotes, "#", "%" or line breaks.`);
  }
  const expanded = expandHome(controlDir);
  const limit = maxControlDirLength(platform);
  if (expanded.length > limit) {
    throw new BadInputError(`The control socket folder ${expanded} is ${expanded.length} characters long; a socket path there would pass the system's limit (the folder may have at most ${limit}). Nothing was changed.`);
  }
  return expanded;
}

/** A private folder: ours, 0700, so no other user can reach (or plant) a master socket. */
async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory()) {
    throw new BadInputError(`${dir} exists and is not a folder; nothing was changed.`);
  }
  if (process.getuid !== undefined && info.uid !== process.getuid()) {
    throw new BadInputError(`${dir} belongs to another user; master sockets must live in a folder of your own. Nothing was changed.`);
  }
  if ((info.mode & 0o077) !== 0) {
    await chmod(dir, 0o700);
  }
}

/** Bad input is found before anything is touched: an alias that is not in the config, a folder given as config. */
async function assertKnownAlias(configFile: string, alias: string, options: ReadConfigOptions): Promise<void> {
  const problem = validateAlias(alias);
  if (problem !== undefined) throw new BadInputError(problem);
  if (existsSync(configFile) && statSync(configFile).isDirectory()) {
    throw new BadInputError(`${configFile} is a folder, not an ssh config file.`);
  }
  const hosts = await listConfiguredHosts(configFile, options);
  if (!hosts.some((host) => host.alias.toLowerCase() === alias.toLowerCase())) {
    throw new BadInputError(`${configFile} has no "Host ${alias}" block (add the host first: remote-docker-ssh hosts add ${alias} --hostname HOST). Nothing was changed.`);
  }
}

/**
 * "Make Docker over SSH fast": adds connection reuse for ALIAS to the config (lossless, atomic, with
 * a backup), creates the private socket folder, then asks `ssh -G` whether the options apply.
 */
export async function addConnectionReuse(configFile: string, alias: string, options: ReuseOptions = {}): Promise<ReuseResult> {
  const platform = options.platform ?? process.platform;
  const unsupported = reuseUnsupportedReason(platform);
  if (unsupported !== undefined) throw new BadInputError(unsupported);
  const controlDir = options.controlDir ?? defaultControlDir;
  const expandedDir = validateControlDir(controlDir, platform);
  await assertKnownAlias(configFile, alias, options);
  // The folder exists before any ssh can read a ControlPath in it.
  await ensurePrivateDir(expandedDir);
  const edited = await editConfigFile<{ line: number; placement?: ReusePlacement }>(
    configFile,
    async (original, _existed, file) => {
      await assertKnownAlias(file, alias, options);
      const plan = await planConnectionReuse(decodeBytes(original), alias, controlDir);
      if (plan.kind === 'present') return { updated: undefined, value: { line: plan.line } };
      const updated = Buffer.concat([original.subarray(0, plan.offset), Buffer.from(plan.text, 'latin1'), original.subarray(plan.offset)]);
      return { updated, value: { line: plan.line, placement: plan.placement } };
    },
    { lockTimeoutMs: options.lockTimeoutMs },
  );
  const verdict = await verifyConnectionReuse(alias, { ...options, controlDir });
  return {
    file: edited.file,
    ...(edited.backupFile !== undefined ? { backupFile: edited.backupFile } : {}),
    written: edited.written,
    line: edited.value.line,
    ...(edited.value.placement !== undefined ? { placement: edited.value.placement } : {}),
    ...verdict,
  };
}

/** Removes exactly the lines addConnectionReuse wrote for ALIAS; `effective` then tells whether reuse still applies (from other lines). */
export async function removeConnectionReuse(configFile: string, alias: string, options: ReuseOptions = {}): Promise<ReuseResult> {
  const problem = validateAlias(alias);
  if (problem !== undefined) throw new BadInputError(problem);
  if (existsSync(configFile) && statSync(configFile).isDirectory()) {
    throw new BadInputError(`${configFile} is a folder, not an ssh config file.`);
  }
  if (!existsSync(configFile)) {
    throw new BadInputError(`${configFile} does not exist; there is nothing to undo.`);
  }
  const edited = await editConfigFile(
    configFile,
    async (original) => {
      const ranges = planReuseUndo(decodeBytes(original), alias);
      return { updated: ranges === undefined ? undefined : cut(original, ranges), value: ranges?.length ?? 0 };
    },
    { lockTimeoutMs: options.lockTimeoutMs },
  );
  const verdict = await verifyConnectionReuse(alias, { ...options, expectOurs: false });
  return { file: edited.file, ...(edited.backupFile !== undefined ? { backupFile: edited.backupFile } : {}), written: edited.written, ...verdict };
}
