/**
 * `Host` line matching as OpenSSH does it: `*` and `?` wildcards, and a line matches when some
 * pattern matches and no `!negated` pattern does. Case-sensitive: readconf.c matches a Host line
 * with match_pattern() on the name as typed (`Host web` does not apply to `ssh WEB`); only
 * `Match host` lowercases. The unit test holds this against `ssh -G`.
 */
export function patternMatches(pattern: string, name: string): boolean {
  return globMatches(pattern, name);
}

/**
 * `*` and `?` glob matching without building a RegExp: a config of 10,000 hosts is matched
 * against every Host line, and a RegExp per pattern was a fifth of `hosts add`. On a mismatch
 * after a `*`, that star takes one more character and matching resumes (linear backtracking).
 */
function globMatches(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === name[n]))) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      starAt = p++;
      resumeAt = n;
    } else if (starAt !== -1) {
      p = starAt + 1;
      n = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') {
    p++;
  }
  return p === pattern.length;
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
