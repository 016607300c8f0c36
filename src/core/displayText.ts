/**
 * Text that came from a remote host (docker's output, sshd's banner) or from a config file (aliases,
 * paths) is shown to people: in a terminal by the CLI and in the report view. A terminal obeys
 * escape sequences (retitle the window, clear the screen, rewrite earlier lines, on some terminals
 * set the clipboard), and bidirectional controls make a line read differently from its bytes.
 * So every such character is shown as a visible escape instead: ESC becomes `\x1b`, U+202E `\u202e`.
 * Tab and line feed stay, since messages use them.
 *
 * - C0 controls but tab and line feed, DEL, and C1 controls (U+009B is a one-byte CSI on some terminals);
 * - bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069);
 * - line and paragraph separators (U+2028, U+2029), which some views break lines at.
 */
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function neutraliseControls(text: string): string {
  return text.replace(unsafe, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
