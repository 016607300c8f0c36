/**
 * `Host` line matching as OpenSSH does it: `*` and `?` wildcards, case-insensitive, and a
 * line matches when some pattern matches and no `!negated` pattern does.
 */
export function patternMatches(pattern: string, name: string): boolean {
  let source = '^';
  for (const char of pattern.toLowerCase()) {
    source += char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`${source}$`, 's').test(name.toLowerCase());
}

export function hostLineMatches(patterns: readonly string[], name: string): boolean {
  let matched = false;
  // Unlike `Match host`, a Host line does not split its arguments on commas.
  for (const entry of patterns) {
    const negated = entry.startsWith('!');
    const pattern = negated ? entry.slice(1) : entry;
    if (patternMatches(pattern, name)) {
      if (negated) {
        return false;
      }
      matched = true;
    }
  }
  return matched;
}

/** A pattern that names exactly one host: no wildcard, no negation. */
export function isConcreteAlias(pattern: string): boolean {
  return pattern.length > 0 && !/[*?!,]/.test(pattern);
}
