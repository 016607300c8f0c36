/**
 * When a workspace earns the "set up remote Docker?" notification, and when a remote window
 * earns "install the Docker extension on this host?". Cheap facts are checked first so the
 * adapter searches the workspace for Docker files only when the answer could still be yes.
 */
import type { DockerExtensionPresence } from '../remote/remoteFollowThrough';

/**
 * Files that say "this workspace uses Docker", for `workspace.findFiles`. The same names as the
 * walkthrough's `featuredFor` and the `workspaceContains:` activation events.
 */
export const DockerWorkspaceGlob = '**/{Dockerfile,*.Dockerfile,Dockerfile.*,compose.yaml,compose.yml,docker-compose.yaml,docker-compose.yml}';
/** Never look inside dependency or VCS folders: they are large and their Dockerfiles are not the user's. */
export const DockerWorkspaceExclude = '**/{node_modules,.git,vendor,.venv}/**';
/** One hit is enough to decide. */
export const DockerWorkspaceSearchLimit = 1;

/** workspaceState key: the user chose "Don't ask again for this workspace". */
export const PromptDismissedKey = 'remoteDockerSsh.recommendationPromptDismissed';
/** workspaceState key: the user declined installing the Docker extension on this host. */
export const RemoteInstallDismissedKey = 'remoteDockerSsh.remoteInstallPromptDismissed';
/** globalState key: the follow-through saw the extension on a host and the engine answer. */
export const SetupCompletedKey = 'remoteDockerSsh.setupCompleted';

export interface LocalPromptFacts {
  readonly remoteName: string | undefined;
  /** `remoteDockerSsh.promptForRecommendations`. */
  readonly promptSetting: boolean;
  readonly dismissedForWorkspace: boolean;
  readonly hasWorkspaceFolders: boolean;
  readonly setupDone: boolean;
  /** Undefined until the workspace was searched. */
  readonly dockerFilesFound: boolean | undefined;
}

export type LocalPromptDecision =
  | { readonly kind: 'skip'; readonly reason: 'remote-window' | 'setting-off' | 'dismissed' | 'no-workspace' | 'setup-done' | 'no-docker-files' }
  | { readonly kind: 'search-files' }
  | { readonly kind: 'prompt' };

/**
 * Remote kinds whose workspace already lives on another machine or in a container: setting up a
 * remote Docker engine from there is not what the user is after. Browser-served editors
 * (code-server, `code serve-web`) report their own `host:port` as the remote name; their
 * workspace is the user's, so they are treated like a local window.
 */
const remoteWorkspaceKinds = new Set(['ssh-remote', 'dev-container', 'attached-container', 'wsl', 'codespaces', 'tunnel', 'k8s-container']);

export function decideLocalPrompt(facts: LocalPromptFacts): LocalPromptDecision {
  if (facts.remoteName !== undefined && remoteWorkspaceKinds.has(facts.remoteName)) {
    // In an SSH window the workspace's files are already on the host; see shouldPromptRemoteInstall.
    return { kind: 'skip', reason: 'remote-window' };
  }
  if (!facts.promptSetting) {
    return { kind: 'skip', reason: 'setting-off' };
  }
  if (facts.dismissedForWorkspace) {
    return { kind: 'skip', reason: 'dismissed' };
  }
  if (!facts.hasWorkspaceFolders) {
    return { kind: 'skip', reason: 'no-workspace' };
  }
  if (facts.setupDone) {
    return { kind: 'skip', reason: 'setup-done' };
  }
  if (facts.dockerFilesFound === undefined) {
    return { kind: 'search-files' };
  }
  return facts.dockerFilesFound ? { kind: 'prompt' } : { kind: 'skip', reason: 'no-docker-files' };
}

/**
 * A user-level DOCKER_HOST over ssh (the direct path) also counts as "set up": the prompt would
 * only nag someone who already reaches a remote engine.
 */
export function hasSshDockerHost(settingValues: readonly unknown[]): boolean {
  return settingValues.some((value) => {
    if (typeof value === 'string') {
      return value.startsWith('ssh://');
    }
    if (typeof value === 'object' && value !== null) {
      const host = (value as Record<string, unknown>).DOCKER_HOST;
      return typeof host === 'string' && host.startsWith('ssh://');
    }
    return false;
  });
}

export interface RemoteInstallFacts {
  readonly remoteName: string | undefined;
  readonly promptSetting: boolean;
  readonly dismissedForWorkspace: boolean;
  readonly dockerExtension: DockerExtensionPresence;
  /** A live connect intent: the follow-through installs without asking, so no prompt. */
  readonly intentLive: boolean;
}

export function shouldPromptRemoteInstall(facts: RemoteInstallFacts): boolean {
  return (
    facts.remoteName === 'ssh-remote' &&
    facts.promptSetting &&
    !facts.dismissedForWorkspace &&
    !facts.intentLive &&
    // 'unknown' means we run on the UI side and cannot tell: never prompt on a guess.
    facts.dockerExtension === 'missing'
  );
}
