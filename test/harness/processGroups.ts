import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

// Test editors run detached, in their own process groups, so that one signal reaches the server, its
// extension hosts and their children. The price: nothing takes them down with the test process, so
// every group is tracked here and killed on exit, on Ctrl-C and on a kill of the test process.
const trackedGroups = new Set<number>();
const exitCleanups = new Set<() => void>();
let handlersInstalled = false;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Every way out ends here, also process.exit() from mocha or Playwright's own SIGINT handler, where
  // no finally block and no promise runs any more: only synchronous work.
  process.once('exit', () => {
    for (const pid of trackedGroups) signalGroup(pid, 'SIGKILL');
    for (const cleanup of exitCleanups) {
      try {
        cleanup();
      } catch {
        // Best effort: the process is leaving.
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(130));
  }
}

/**
 * Runs the synchronous `cleanup` (remove a temp dir, stop a rig with spawnSync) if the process exits
 * before the normal teardown did it. Returns the function that unregisters it.
 */
export function onExit(cleanup: () => void): () => void {
  installHandlers();
  exitCleanups.add(cleanup);
  return () => exitCleanups.delete(cleanup);
}

/**
 * Tracks a detached child's process group and returns its stop function: SIGTERM to the group,
 * SIGKILL after `graceMs`, resolved once the leader has exited. Idempotent.
 */
export function trackProcessGroup(child: ChildProcess, graceMs = 5000): () => Promise<void> {
  const pid = child.pid;
  if (pid !== undefined) {
    installHandlers();
    trackedGroups.add(pid);
  }
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (pid === undefined) return;
      const running = child.exitCode === null && child.signalCode === null;
      const exited = running ? once(child, 'exit') : Promise.resolve();
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // The leader may exit before its children: whatever is left in the group goes now.
      signalGroup(pid, 'SIGKILL');
      trackedGroups.delete(pid);
    })();
    return stopping;
  };
}
