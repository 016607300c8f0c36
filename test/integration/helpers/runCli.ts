import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const cliEntry = fileURLToPath(new URL('../../../src/cli.ts', import.meta.url));

/** The real CLI in a child process, as a user runs it (stdout is a pipe, not a TTY). */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cliEntry, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
