// Starts the loopback rig (real sshd, ssh-agent, dockerd) from inside the extension host, through
// rigctl in a child process: the rig's TypeScript runs under tsx, not in the host's bundle.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RigDescription } from '../../../fixtures/rig/index';

const run = promisify(execFile);

export interface HostRig {
  readonly rig: RigDescription;
  /** Stops the rig by its PIDs; idempotent. */
  stop(): Promise<void>;
}

function repoRoot(): string {
  const root = process.env.RDS_REPO_ROOT;
  if (!root) throw new Error('RDS_REPO_ROOT is unset: run the suites with `npm run test:vscode`');
  return root;
}

export async function startRigFromHost(): Promise<HostRig> {
  const root = repoRoot();
  const scratch = process.env.RDS_VSCODE_TEST_RUN_DIR ?? '/tmp';
  const stateFile = path.join(scratch, `rig-${process.pid}-${Date.now()}.json`);
  const rigctl = (command: 'start' | 'stop') =>
    run(path.join(root, 'node_modules/.bin/tsx'), ['test/fixtures/rig/rigctl.ts', command, '--state', stateFile], {
      cwd: root,
      timeout: 120_000,
    });
  await rigctl('start');
  const rig = JSON.parse(readFileSync(stateFile, 'utf8')) as RigDescription;
  let stopping: Promise<void> | undefined;
  return {
    rig,
    stop() {
      stopping ??= rigctl('stop').then(() => undefined);
      return stopping;
    },
  };
}
