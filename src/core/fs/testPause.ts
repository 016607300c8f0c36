import { writeFile } from 'node:fs/promises';

/**
 * A test hook, and the only one: it lets the crash test kill a writer at an exact point of an
 * atomic write. It does nothing unless REMOTE_DOCKER_SSH_TEST_PAUSE_AT names the stage and
 * REMOTE_DOCKER_SSH_TEST_PAUSE_SIGNAL names a file; then the process writes its pid to that file
 * and waits a minute, which is when the test sends SIGKILL.
 */
export type PauseStage = 'partial-write' | 'before-rename';

export async function pauseForCrashTest(stage: PauseStage): Promise<void> {
  const signalFile = process.env.REMOTE_DOCKER_SSH_TEST_PAUSE_SIGNAL;
  if (process.env.REMOTE_DOCKER_SSH_TEST_PAUSE_AT !== stage || !signalFile) {
    return;
  }
  await writeFile(signalFile, String(process.pid));
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}
