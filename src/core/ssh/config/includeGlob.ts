import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';

/** Where `~` and relative `Include` paths point, as OpenSSH sees them for a user's config. */
export interface IncludeBase {
  /** Relative Include paths are taken from here (OpenSSH: `~/.ssh`). */
  readonly sshDir: string;
  readonly homeDir: string;
}

const globChars = /[*?[]/;

/**
 * Expands one `Include` argument to the existing regular files it names, in glob(3) order.
 * Arguments with `%` tokens or `${VAR}` are skipped: we would have to guess what they expand to.
 */
export async function expandInclude(argument: string, base: IncludeBase): Promise<string[]> {
  if (argument.includes('%') || argument.includes('${')) {
    return [];
  }
  let absolute: string;
  if (argument === '~' || argument.startsWith('~/')) {
    absolute = path.join(base.homeDir, argument.slice(1));
  } else if (argument.startsWith('~')) {
    return []; // ~otheruser: not ours to read.
  } else if (path.isAbsolute(argument)) {
    absolute = argument;
  } else {
    absolute = path.join(base.sshDir, argument);
  }
  const candidates = globChars.test(absolute) ? await globPath(absolute) : [absolute];
  const files: string[] = [];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) {
      files.push(candidate);
    }
  }
  return files;
}

async function globPath(pattern: string): Promise<string[]> {
  const root = path.parse(pattern).root;
  const segments = pattern.slice(root.length).split(/[\\/]+/).filter((s) => s.length > 0);
  let prefixes = [root];
  for (const segment of segments) {
    const next: string[] = [];
    if (!globChars.test(segment)) {
      for (const prefix of prefixes) {
        next.push(path.join(prefix, segment));
      }
    } else {
      const matcher = segmentMatcher(segment);
      for (const prefix of prefixes) {
        const names = await readdir(prefix).catch(() => [] as string[]);
        for (const name of names.sort(compareBytes)) {
          // glob(3): a leading dot is only matched by a pattern that starts with one.
          if (name.startsWith('.') && !segment.startsWith('.')) {
            continue;
          }
          if (matcher.test(name)) {
            next.push(path.join(prefix, name));
          }
        }
      }
    }
    prefixes = next;
    if (prefixes.length === 0) {
      break;
    }
  }
  return prefixes;
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** One path segment of a glob: `*`, `?` and `[...]` / `[!...]` classes. */
export function segmentMatcher(segment: string): RegExp {
  let source = '^';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      source += '.*';
    } else if (c === '?') {
      source += '.';
    } else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) {
        body = body.slice(1);
      }
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else {
      source += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
    }
  }
  return new RegExp(`${source}$`, 's');
}
