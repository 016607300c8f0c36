#!/usr/bin/env node
import { runCli } from './cli/runCli';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`remote-docker-ssh: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
