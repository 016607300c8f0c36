/**
 * Which kind of window this extension host serves: local, or remote (and which remote), and
 * whether this extension runs on the remote host itself or on the UI side of the window.
 *
 * The editor says this through `vscode.env.remoteName` and the extension's running kind; the
 * adapter passes them in. One test seam may override both: code-server runs a real extension host
 * on the rig's host, but its `remoteName` can never be `ssh-remote` (only Remote-SSH's resolver
 * gives that name), so the e2e harness names the window kind through one environment variable.
 */

/** The test seam: read only by `windowKindFrom`, set only by the e2e harness (test/README.md). */
export const RemoteWindowSeamVariable = 'REMOTE_DOCKER_SSH_TEST_REMOTE_WINDOW';

export interface WindowKind {
  /** `vscode.env.remoteName`: undefined in a local window, `ssh-remote` in a Remote-SSH one. */
  readonly remoteName: string | undefined;
  /**
   * This extension runs on the remote host (a workspace-kind extension host): it sees the host's
   * files, processes, extensions and docker socket. False in a local window and on the UI side.
   */
  readonly onRemoteHost: boolean;
}

export interface WindowKindInputs {
  readonly remoteName: string | undefined;
  /** The kind this extension runs as now (`context.extension.extensionKind`). */
  readonly runningAs: 'ui' | 'workspace';
  /** The seam variable's value, when set. */
  readonly seam: string | undefined;
}

/** The seam's only values: `<remoteName>:<side>`, e.g. `ssh-remote:workspace` or `ssh-remote:ui`. */
const seamPattern = /^([a-z][a-z0-9-]*):(ui|workspace)$/;

export function windowKindFrom(inputs: WindowKindInputs): WindowKind {
  const seam = inputs.seam === undefined ? undefined : seamPattern.exec(inputs.seam);
  if (seam) {
    return { remoteName: seam[1], onRemoteHost: seam[2] === 'workspace' };
  }
  return { remoteName: inputs.remoteName, onRemoteHost: inputs.remoteName !== undefined && inputs.runningAs === 'workspace' };
}
