import { passed as checkPassed } from '../../core/doctor/checks/types';

/**
 * The walkthrough's completion keys (`onContext:remoteDockerSsh.step.<name>`) and which doctor
 * check proves which step. No vscode import: the mapping is unit-tested on plain Node.
 */
export const StepNames = [
  'pathChosen',
  'remoteSshInstalled',
  'hostConfigured',
  'hostTrusted',
  'keyGenerated',
  'agentRunning',
  'agentHasIdentity',
  'keyAuthorized',
  'connected',
  'dockerExtensionOnRemote',
  'engineVerified',
  'dockerHostConfigured',
  'dockerHostVerified',
  'dockerFast',
] as const;

export type StepName = (typeof StepNames)[number];

export function stepContextKey(name: StepName): string {
  return `remoteDockerSsh.step.${name}`;
}

/** The context key that hides the other path's steps (`remoteSsh` | `dockerHost`, unset = show both). */
export const SetupPathContextKey = 'remoteDockerSsh.setupPath';

/**
 * A passing doctor check completes these steps. `identity` also completes "generate a key": a key
 * the agent holds is a key the user has, wherever its file lives.
 */
export const StepsProvedByCheck: Readonly<Record<string, readonly StepName[]>> = {
  'host-key': ['hostTrusted'],
  auth: ['keyAuthorized'],
  agent: ['agentRunning'],
  identity: ['agentHasIdentity', 'keyGenerated'],
  // 'remote-docker-engine' proves nothing the walkthrough claims: "Verify the engine" (Remote-SSH
  // path) is about the connected window, set by stepState from that window or the follow-through.
  'docker-host-roundtrip': ['dockerHostVerified'],
};

/** The steps that the passing checks of a doctor report complete. */
export function stepsPassedBy(checks: readonly { id: string; status: string }[]): Set<StepName> {
  const passed = new Set<StepName>();
  for (const check of checks) {
    // A warning passes (CheckStatus): the step is done; the report and the status bar show the warning.
    if (checkPassed(check)) {
      for (const step of StepsProvedByCheck[check.id] ?? []) {
        passed.add(step);
      }
    }
  }
  return passed;
}
