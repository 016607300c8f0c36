/**
 * The POSIX sh wrapper that keeps a terminal readable: it runs the program, prints on success one
 * line of what is now true (and on failure the exit status, below the program's own reason), then
 * waits for a key before the terminal closes. Every value reaches it as a positional parameter
 * ("$@"), never as script text, so no path or host name is parsed by the shell.
 */
export const keepOpenScript = [
  'ok=$1; fp=$2; failed=$3; press=$4; shift 4',
  '"$@"; status=$?',
  'printf "\\n"',
  'if [ "$status" -eq 0 ]; then',
  '  if [ -n "$fp" ]; then sum=$(ssh-keygen -l -f "$fp" 2>/dev/null | cut -d " " -f 2); printf "%s (%s)\\n" "$ok" "$sum"; else printf "%s\\n" "$ok"; fi',
  'else',
  '  printf "%s %s\\n" "$failed" "$status"',
  'fi',
  'printf "%s" "$press"',
  'saved=$(stty -g 2>/dev/null); stty -icanon -echo min 1 2>/dev/null; dd bs=1 count=1 >/dev/null 2>&1; [ -n "$saved" ] && stty "$saved" 2>/dev/null',
  'exit "$status"',
].join('\n');

/** The arguments after `sh -c keepOpenScript`: $0, the four texts, then the program and its arguments. */
export function keepOpenArgs(texts: { success: string; fingerprintOf?: string; failed: string; pressAnyKey: string }, program: string, args: readonly string[]): string[] {
  return ['remote-docker-ssh', texts.success, texts.fingerprintOf ?? '', texts.failed, texts.pressAnyKey, program, ...args];
}
