#!/usr/bin/env node
import { runCli } from './cli/runCli';

// A reader that goes away early (`remote-docker-ssh hosts list | head -1`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Ctrl-C: exit through 'exit', whose hook (runner.ts) kills our children, also those that run in a
// session of their own and so do not get the terminal's SIGINT. 130 is the shell's code for it.
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.once(name, () => process.exit(name === 'SIGINT' ? 130 : 143));
}

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`remote-docker-ssh: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
