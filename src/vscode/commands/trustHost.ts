import * as vscode from 'vscode';
import { scanHostKeys, trustHostKey, type HostKey } from '../../core/ssh/knownHosts';
import { ensureTarget } from '../ssh/hostTarget';
import { log } from '../log';
import { chosenSshConfigFile } from '../ssh/sshConfigFile';
import { CommandIds } from '../commandIds';

const scanTimeoutMs = 15_000;

/** Which host to trust; the walkthrough's button passes nothing and works on the chosen host. */
export interface TrustHostRequest {
  readonly target?: string;
  readonly configFile?: string;
  /** The environment for ssh-keyscan and ssh (connectAndInstall passes its own). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Shows the host's key fingerprint in a modal and writes known_hosts only when the user says yes.
 * An unknown key is never accepted silently (DESIGN.md); the user compares the fingerprint with
 * the one the server's administrator sees. A changed key is refused, never replaced.
 */
export async function trustHost(request?: TrustHostRequest): Promise<boolean> {
  const target = typeof request?.target === 'string' ? request.target : await ensureTarget();
  if (!target) {
    return false;
  }
  const configFile = request?.configFile ?? chosenSshConfigFile();
  const env = request?.env;
  const scan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the host key of {0}…', target), cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return scanHostKeys(target, configFile, { timeoutMs: scanTimeoutMs, signal: abort.signal, env });
    },
  );
  const key = preferredKey(scan.keys);
  if (!key) {
    log().warn(`ssh-keyscan ${target}: ${scan.configError?.stderr.trim() ?? scan.result?.stderr.trim() ?? 'no keys'}`);
    offerHostCheck(vscode.l10n.t('{0} sent no host key. Check its host name and port, and that sshd is running there.', target));
    return false;
  }
  const trust = vscode.l10n.t('Trust this host');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Is this the host key of {0}?', target),
    {
      modal: true,
      detail: vscode.l10n.t(
        '{0} key fingerprint:\n{1}\n\nCompare it with the output of "ssh-keygen -lf /etc/ssh/ssh_host_{2}_key.pub" on the server. Trust it only if they are the same.',
        key.type,
        key.fingerprint,
        keyFileKind(key.type),
      ),
    },
    trust,
  );
  if (answer !== trust) {
    log().info(`Host key of ${target} not trusted (the user declined)`);
    return false;
  }
  const outcome = await trustHostKey(target, key.fingerprint, configFile, { timeoutMs: scanTimeoutMs, env });
  switch (outcome.status) {
    case 'written':
    case 'already-trusted':
      log().info(`Host key of ${target} (${outcome.name}) ${outcome.status} in ${outcome.file}: ${outcome.key.type} ${outcome.key.fingerprint}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('The host key of {0} is trusted ({1}).', target, outcome.file));
      return true;
    case 'changed':
      log().error(`Host key of ${target} CHANGED: known ${outcome.known.map((k) => k.fingerprint).join(', ')}, offered ${outcome.offered.map((k) => k.fingerprint).join(', ')}`);
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The host key of {0} has CHANGED since you last connected. This can mean someone is intercepting the connection. Ask the server\'s administrator whether the key was replaced before you remove the old one from known_hosts.', target),
        { modal: true },
      );
      return false;
    case 'mismatch':
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} now offers a different key than the one you confirmed. Run this step again and compare the fingerprint once more.', target));
      return false;
    case 'unreachable':
      log().warn(`trustHostKey ${target}: ${outcome.detail}`);
      offerHostCheck(vscode.l10n.t('{0} could not be reached: {1}', target, outcome.detail));
      return false;
  }
}

function offerHostCheck(message: string): void {
  const check = vscode.l10n.t('Check the host');
  void vscode.window.showErrorMessage(message, check).then((choice) => (choice === check ? vscode.commands.executeCommand(CommandIds.addHost) : undefined));
}

/** ed25519 first: OpenSSH negotiates it first, so it is the key ssh will verify. */
function preferredKey(keys: readonly HostKey[]): HostKey | undefined {
  const rank = (type: string) => (/ed25519/i.test(type) ? 0 : /ecdsa/i.test(type) ? 1 : 2);
  return [...keys].sort((a, b) => rank(a.type) - rank(b.type))[0];
}

/** `ssh-ed25519` → `ed25519`, `ecdsa-sha2-nistp256` → `ecdsa`, `ssh-rsa` → `rsa` (the server's key file names). */
function keyFileKind(type: string): string {
  return type.replace(/^ssh-/, '').replace(/-.*$/, '').toLowerCase();
}
