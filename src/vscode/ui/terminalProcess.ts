import * as vscode from 'vscode';

/**
 * Runs one program in a terminal of its own, so that password and passphrase prompts are real,
 * and resolves with its exit code when it ends (undefined when the user closed the terminal).
 * The program and its arguments go to the pty as an argument array: no shell parses them.
 */
export function runInTerminal(name: string, shellPath: string, shellArgs: readonly string[], token?: vscode.CancellationToken): Promise<number | undefined> {
  const terminal = vscode.window.createTerminal({ name, shellPath, shellArgs: [...shellArgs], isTransient: true });
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
