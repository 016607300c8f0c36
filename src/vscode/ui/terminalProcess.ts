import * as vscode from 'vscode';
import { keepOpenArgs, keepOpenScript } from '../../core/keepOpenScript';

/** What the terminal says when the program ends; our own text, shown after the program's output. */
export interface TerminalOutcomeText {
  /** One line that says what is now true, such as "Key saved at ~/.ssh/id_ed25519". */
  readonly success: string;
  /** A public key whose SHA256 fingerprint is added to the success line. */
  readonly fingerprintOf?: string;
}

/** The exit status as the notification names it. */
export function exitStatusText(code: number | undefined): string {
  return code === undefined ? vscode.l10n.t('the terminal was closed before it finished') : vscode.l10n.t('exit status {0}', code);
}


/**
 * Runs one program in a terminal of its own, so that password and passphrase prompts are real,
 * and resolves with its exit code when the terminal closes (undefined when the user closed it
 * first). On Linux and macOS the terminal stays until the user presses a key, with the outcome as
 * its last line; on Windows (no POSIX sh) the program runs as it is.
 */
export function runInTerminal(name: string, program: string, args: readonly string[], token?: vscode.CancellationToken, outcome?: TerminalOutcomeText): Promise<number | undefined> {
  const wrapped = process.platform !== 'win32';
  const shellArgs = wrapped
    ? [
        '-c',
        keepOpenScript,
        ...keepOpenArgs(
          {
            success: outcome?.success ?? vscode.l10n.t('{0} finished.', program),
            fingerprintOf: outcome?.fingerprintOf,
            failed: vscode.l10n.t('{0} failed with exit status', program),
            pressAnyKey: vscode.l10n.t('Press any key to close this terminal.'),
          },
          program,
          args,
        ),
      ]
    : [...args];
  const terminal = vscode.window.createTerminal({ name, shellPath: wrapped ? '/bin/sh' : program, shellArgs, isTransient: true });
  terminal.show();
  return new Promise((resolve) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (code: number | undefined) => {
      subscriptions.forEach((s) => s.dispose());
      resolve(code);
    };
    subscriptions.push(
      vscode.window.onDidCloseTerminal((closed) => {
        if (closed === terminal) {
          finish(closed.exitStatus?.code);
        }
      }),
    );
    if (token) {
      subscriptions.push(
        token.onCancellationRequested(() => {
          terminal.dispose();
          finish(undefined);
        }),
      );
    }
  });
}
