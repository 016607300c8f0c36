/**
 * What the extension does in the window that `connectAndInstall` opened. The adapter gathers the
 * facts, asks `nextFollowThroughStep`, carries out the step, and asks again with what it learnt.
 * Keeping the decision here makes every branch testable without a remote window.
 */
import { intentState, type ConnectIntent } from './connectIntent';

/** How many server restarts one intent may cause: one restart picks up a new group; more would loop. */
export const MaxServerRestarts = 1;

/** Where the Docker extension stands on the host, as far as this extension host can see. */
export type DockerExtensionPresence =
  /** Seen on this (remote) extension host. */
  | 'installed'
  /** This extension runs on the host and the Docker extension is not there. */
  | 'missing'
  /** This extension runs on the UI side and cannot see the host's extensions. */
  | 'unknown';

export interface EngineResult {
  readonly status: 'pass' | 'fail' | 'skip';
  readonly code?: string;
  readonly message?: string;
}

export interface FollowThroughFacts {
  /** `vscode.env.remoteName`. */
  readonly remoteName: string | undefined;
  readonly intent: ConnectIntent | undefined;
  readonly now: number;
  readonly dockerExtension: DockerExtensionPresence;
  /** The install command ran in this activation. */
  readonly installAttempted: boolean;
  /** Undefined until the engine was checked in this activation. */
  readonly engine: EngineResult | undefined;
  /** The user ran (or declined) the docker-group command in this activation. */
  readonly groupFix: 'not-offered' | 'accepted' | 'declined';
  /**
   * Read on the host after a socket permission error, when this extension runs there: is the user
   * in the docker group, and does this server's session have it. Undefined on the UI side.
   */
  readonly dockerGroup?: { readonly account: boolean; readonly session: boolean; readonly serverPid: number };
}

export type FollowThroughStep =
  /** Not an SSH window, or nothing pending: do nothing at all. */
  | { readonly kind: 'nothing' }
  /** The intent is older than its lifetime: forget it silently. */
  | { readonly kind: 'discard-expired' }
  | { readonly kind: 'install-extension'; readonly extensionId: string }
  | { readonly kind: 'check-engine' }
  /** The socket refuses the user: offer `sudo usermod -aG docker $USER` in a remote terminal. */
  | { readonly kind: 'offer-docker-group' }
  /** The group was added: the server must restart to see it. */
  | { readonly kind: 'restart-server' }
  /** Something the follow-through cannot fix; the intent is cleared and the user told what to do. */
  | { readonly kind: 'give-up'; readonly code: string; readonly message?: string }
  /**
   * The user is in the docker group, but the server this window runs on started before that, and a
   * restart did not replace it: only killing that process helps, and we must not restart again.
   */
  | { readonly kind: 'give-up-stale-server'; readonly serverPid: number }
  /** The extension is on the host and the engine answers: say so and clear the intent. */
  | { readonly kind: 'done'; readonly extensionId: string };

export function nextFollowThroughStep(facts: FollowThroughFacts): FollowThroughStep {
  if (facts.remoteName !== 'ssh-remote') {
    return { kind: 'nothing' };
  }
  const state = intentState(facts.intent, facts.now);
  if (state === 'none' || facts.intent === undefined) {
    return { kind: 'nothing' };
  }
  if (state === 'expired') {
    return { kind: 'discard-expired' };
  }
  const intent = facts.intent;

  // Remote-SSH skips remote.SSH.defaultExtensions on reconnects (#4078, #6977): check, then install.
  if (facts.dockerExtension !== 'installed' && !facts.installAttempted) {
    return { kind: 'install-extension', extensionId: intent.dockerExtensionId };
  }
  if (facts.dockerExtension === 'missing' && facts.installAttempted) {
    return { kind: 'give-up', code: 'docker-extension-not-installed' };
  }

  if (facts.engine === undefined) {
    return { kind: 'check-engine' };
  }
  if (facts.engine.status === 'pass') {
    return { kind: 'done', extensionId: intent.dockerExtensionId };
  }
  if (facts.engine.code === 'docker-socket-permission') {
    const group = facts.dockerGroup;
    const serverKeptOldGroups = group !== undefined && group.account && !group.session;
    if (serverKeptOldGroups) {
      // In the group already (added by hand, or by us before the reconnect): only a new server is missing.
      return intent.serverRestarts >= MaxServerRestarts ? { kind: 'give-up-stale-server', serverPid: group.serverPid } : { kind: 'restart-server' };
    }
    if (intent.serverRestarts >= MaxServerRestarts || group?.session === true) {
      // The session has the group and the socket still refuses: the group is not the cause. Or:
      // we restarted once already and the socket still refuses: the group change did not take.
      return { kind: 'give-up', code: 'docker-socket-permission', message: facts.engine.message };
    }
    if (facts.groupFix === 'not-offered') {
      return { kind: 'offer-docker-group' };
    }
    if (facts.groupFix === 'accepted') {
      return { kind: 'restart-server' };
    }
  }
  return { kind: 'give-up', code: facts.engine.code ?? 'unknown', message: facts.engine.message };
}
