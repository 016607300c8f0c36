import * as vscode from 'vscode';
import { createIntent, type ConnectIntent } from '../../core/remote/connectIntent';
import { runConnectChecks } from '../../core/remote/connectChecks';
import { nextConnectStep, type CheckOutcome, type ConnectFix } from '../../core/remote/connectPlan';
import { validateAlias } from '../../core/ssh/hostSpec';
import { dockerExtensionToInstall } from '../../core/docker/remoteDockerExtension';
import { resolveHost } from '../../core/ssh/config/resolveHost';
import { writeIntent } from '../remote/connectIntentStore';
import { chooseTarget } from '../ssh/hostTarget';
import { extensionContext } from '../extensionContext';
import { log } from '../log';
import { writeRemoteSshSettings, type RemoteSshSettingsResult } from '../remote/remoteSshSettingsWriter';
import { findRemoteOpener, openRemoteWindow } from '../remote/remoteWindowOpener';
import { chosenSshConfigFile, sshConfigFile } from '../ssh/sshConfigFile';
import { exitStatusText, runInTerminal } from '../ui/terminalProcess';
import { CommandIds } from '../commandIds';
import { trustHost } from './trustHost';

export interface ConnectAndInstallArgs {
  /** The ssh config alias; a quick pick asks when omitted. */
  readonly alias?: string;
  /** The ssh client config; default: `remote.SSH.configFile`, else ~/.ssh/config. */
  readonly configFile?: string;
  /** The environment for ssh (SSH_AUTH_SOCK…); default: the extension host's. */
  readonly env?: Record<string, string>;
}

export interface ConnectAndInstallResult {
  readonly alias: string;
  readonly opener: string;
  readonly settings: RemoteSshSettingsResult;
  readonly intent: ConnectIntent;
}

// Each fix may run once per invocation; the loop ends long before this in practice.
const maxRounds = 5;

/**
 * `remoteDockerSsh.connectAndInstall`: pick a host, make sure ssh gets in (fixing what can be fixed
 * here), prepare Remote-SSH's settings, leave an intent for the new window, open it.
 */
export async function connectAndInstall(args?: ConnectAndInstallArgs): Promise<ConnectAndInstallResult | undefined> {
  const context = extensionContext();
  const configFile = args?.configFile || sshConfigFile();
  // ssh gets -F only for a file the user chose (the argument or remote.SSH.configFile).
  const sshConfig = args?.configFile || chosenSshConfigFile();
  const env = args?.env ? { ...process.env, ...args.env } : undefined;

  const alias = args?.alias ?? (await chooseTarget({ title: vscode.l10n.t('Connect to a host and install Docker there'), configFile }));
  if (alias === undefined) {
    return undefined;
  }
  const invalid = validateAlias(alias);
  if (invalid !== undefined) {
    throw new Error(invalid);
  }

  // Decide how to open the window first: without an SSH remote extension nothing else helps.
  const opener = await findRemoteOpener(alias);
  if (opener.kind === 'none') {
    const install = vscode.l10n.t('Install Remote-SSH');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Connecting to {0} needs the Remote-SSH extension, which is not installed.', alias), install);
    if (answer === install) {
      await vscode.commands.executeCommand(CommandIds.installRemoteSsh);
    }
    return undefined;
  }

  const ready = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking SSH access to {0}', alias), cancellable: true },
    (progress, token) => ensureSshAccess(alias, configFile, sshConfig, env, progress, token),
  );
  if (!ready) {
    return undefined;
  }

  const dockerExtensionId = dockerExtensionToInstall();
  const settings = await writeRemoteSshSettings(alias, [dockerExtensionId]);
  const intent = createIntent(alias, dockerExtensionId, Date.now());
  await writeIntent(context, intent);
  if (opener.kind === 'open-remote-ssh') {
    // Its command ignores arguments and shows its own host list.
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose {0} in the list that opens.', alias));
  }
  await openRemoteWindow(opener);
  return { alias, opener: opener.kind, settings, intent };
}

/** Runs the connect checks and fixes what can be fixed here, until ssh gets in or a problem needs the user. */
async function ensureSshAccess(
  alias: string,
  configFile: string,
  sshConfig: string | undefined,
  env: NodeJS.ProcessEnv | undefined,
  progress: vscode.Progress<{ message?: string }>,
  token: vscode.CancellationToken,
): Promise<boolean> {
  const abort = new AbortController();
  token.onCancellationRequested(() => abort.abort());
  const timeoutMs = vscode.workspace.getConfiguration('remoteDockerSsh').get<number>('checkTimeoutSeconds', 10) * 1000;
  const attempted = new Set<ConnectFix>();
  for (let round = 0; round < maxRounds && !token.isCancellationRequested; round++) {
    progress.report({ message: vscode.l10n.t('Running the SSH checks…') });
    const checks = await runConnectChecks({ target: alias, configFile: sshConfig, timeoutMs, signal: abort.signal, env });
    log().info(`Connect checks for ${alias}: ${checks.map((c) => `${c.id}=${c.status}${c.code ? `(${c.code})` : ''}`).join(' ')}`);
    const step = nextConnectStep(checks, attempted);
    if (step.kind === 'ready') {
      return true;
    }
    if (step.kind === 'stop') {
      showStop(alias, step.check);
      return false;
    }
    attempted.add(step.fix);
    progress.report({ message: step.check.message });
    const fixed = await applyFix(step.fix, alias, configFile, sshConfig, env, abort.signal, token);
    if (!fixed) {
      return false;
    }
  }
  return false;
}

async function applyFix(
  fix: ConnectFix,
  alias: string,
  configFile: string,
  sshConfig: string | undefined,
  env: NodeJS.ProcessEnv | undefined,
  signal: AbortSignal,
  token: vscode.CancellationToken,
): Promise<boolean> {
  switch (fix) {
    case 'trust-host-key':
      // The same modal as the walkthrough's step: the fingerprint shown, known_hosts written only on yes.
      return trustHost({ target: alias, configFile: sshConfig, env });
    case 'load-key': {
      const resolved = await resolveHost(configFile, alias, { signal });
      const identityFile = resolved.identityFiles[0];
      const load = vscode.l10n.t('Load the key');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('The SSH agent holds no key for {0}. Load {1} into the agent? A terminal asks for its passphrase.', alias, identityFile ?? '~/.ssh/id_ed25519'),
        load,
      );
      if (answer !== load) {
        return false;
      }
      const exitCode = await runInTerminal(vscode.l10n.t('Remote Docker: ssh-add'), 'ssh-add', identityFile ? ['--', identityFile] : [], token, {
        success: vscode.l10n.t('The agent now holds {0}', identityFile ?? '~/.ssh/id_*'),
      });
      if (exitCode !== 0) {
        log().warn(`ssh-add ${identityFile ?? ''}: ${exitStatusText(exitCode)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('ssh-add could not load the key ({0}). The terminal shows why.', exitStatusText(exitCode)));
      }
      return exitCode === 0;
    }
    case 'start-agent':
      offerCommand(vscode.l10n.t('The SSH agent is not running. Start it, then run Connect and Install again.'), vscode.l10n.t('Start the agent'), CommandIds.startAgent);
      return false;
    case 'authorize-key':
      offerCommand(vscode.l10n.t('{0} refused your key. Authorize your public key on the host, then run Connect and Install again.', alias), vscode.l10n.t('Authorize the key'), CommandIds.copyKeyToHost);
      return false;
  }
}

function offerCommand(message: string, label: string, command: string): void {
  void vscode.window.showWarningMessage(message, label).then((answer) => {
    if (answer === label) {
      void vscode.commands.executeCommand(command);
    }
  });
}

function showStop(alias: string, check: CheckOutcome | undefined): void {
  const text = check ? `${check.message}${check.fix ? ` ${check.fix}` : ''}` : vscode.l10n.t('The checks did not finish.');
  offerCommand(vscode.l10n.t('Cannot connect to {0} yet: {1}', alias, text), vscode.l10n.t('Check setup'), CommandIds.checkSetup);
}
