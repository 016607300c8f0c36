import * as vscode from 'vscode';
import { log } from './log';

/**
 * Runs one program in an integrated terminal so that its prompts (passphrase, password, "are you
 * sure") are real and typed by the user. The program is started directly with an argument array
 * (`shellPath` + `shellArgs`): no shell parses anything, so no value can become a command.
 * Resolves with the program's exit code once the terminal closes (undefined if unknown).
 */
export function runInTerminal(name: string, file: string, args: readonly string[]): Promise<number | undefined> {
  // Only the program name goes to the log: arguments may hold paths the user typed, never secrets,
  // but the secrets (passphrases, passwords) are typed into the terminal and never pass through us.
  log().info(`Terminal "${name}": ${file}`);
  const terminal = vscode.window.createTerminal({ name, shellPath: file, shellArgs: [...args], isTransient: true });
  return new Promise((resolve) => {
    const listener = vscode.window.onDidCloseTerminal((closed) => {
      if (closed === terminal) {
        listener.dispose();
        const code = closed.exitStatus?.code;
        log().info(`Terminal "${name}" ended with ${code ?? 'an unknown status'}`);
        resolve(code);
      }
    });
    terminal.show();
  });
}
