import * as vscode from 'vscode';
import { BadInputError } from '../../core/errors';
import { timeDockerPs, type DockerPsTiming } from '../../core/docker/dockerPsTiming';
import { clearDockerSsh } from '../../core/doctor/dockerSshClearance';
import { DoctorCancelledError } from '../../core/doctor/doctor';
import type { CheckResult } from '../../core/doctor/checks/types';
import { neutraliseControls } from '../../core/displayText';
import { parseTarget } from '../../core/ssh/hostSpec';
import { dockerHostForTarget } from '../../core/ssh/doctorTarget';
import { defaultSshConfigPath } from '../../core/ssh/config/paths';
import { addConnectionReuse, type ReuseResult } from '../../core/ssh/connectionReuse';
import { reuseUnsupportedReason } from '../../core/ssh/connectionReuseVerdict';
import { CommandIds } from '../commandIds';
import { log } from '../log';
import { setCurrentTarget } from '../setupState';
import { ensureTarget } from '../ssh/hostTarget';
import { chosenSshConfigFile, sshConfigFile } from '../ssh/sshConfigFile';

const dockerPsTimeoutMs = 30_000;

export interface MakeDockerFastArgs {
  /** The alias to speed up; becomes the current host. Default: the current host. */
  readonly target?: string;
}

export interface MakeDockerFastResult {
  readonly reuse: ReuseResult;
  /** Absent when `notTimed` says why docker's ssh was not let near the host. */
  readonly before?: DockerPsTiming;
  /** The second `docker ps` after the write: the first one opens the shared connection. */
  readonly after?: DockerPsTiming;
  /** Our strict session did not log in (an unverified host key, a refused key): no docker ps ran. */
  readonly notTimed?: CheckResult;
}

/** An alias the config names: connection reuse is written for a Host block, and user@host:port has none. */
function aliasOf(target: string): string {
  const parsed = parseTarget(target);
  if (parsed.kind !== 'alias') {
    throw new BadInputError(vscode.l10n.t('Connection reuse is set for a Host alias of the ssh config, and {0} is not one. Add the host with "Add an SSH host" first.', target));
  }
  return parsed.alias;
}

/** `remoteDockerSsh.controlSocketFolder` (machine scope: a workspace cannot choose it); empty means the default. */
function controlDirSetting(): { controlDir?: string } {
  const value = vscode.workspace.getConfiguration('remoteDockerSsh').get<string>('controlSocketFolder', '').trim();
  return value === '' ? {} : { controlDir: value };
}

/**
 * "Make Docker over SSH fast": one shared ssh connection for every docker command to the host
 * (ControlMaster, core/ssh/connectionReuse), with one real `docker ps` timed before and after.
 */
export async function makeDockerFast(args?: MakeDockerFastArgs): Promise<MakeDockerFastResult | undefined> {
  const unsupported = reuseUnsupportedReason(process.platform);
  if (unsupported !== undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Windows: the OpenSSH of Windows cannot share one connection between commands (no ControlMaster), so there is nothing to turn on here.'));
    return undefined;
  }
  if (args?.target !== undefined) {
    aliasOf(args.target);
    await setCurrentTarget(args.target);
  }
  const target = await ensureTarget();
  if (!target) {
    return undefined;
  }
  const alias = aliasOf(target);
  const configFile = sshConfigFile();
  const dockerHost = dockerHostForTarget(parseTarget(alias));
  let result: MakeDockerFastResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Making Docker over SSH fast for {0}…', alias), cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const timing = { timeoutMs: dockerPsTimeoutMs, signal: abort.signal };
        // docker's plain ssh may accept an unknown key by itself (accept-new, no): the trust rule first.
        const clearance = await clearDockerSsh(alias, { configFile: chosenSshConfigFile(), dockerHost, ...timing });
        const before = clearance.cleared ? await timeDockerPs(dockerHost, timing) : undefined;
        // The reuse lines are only config text (checked with ssh -G, no login), so they are written either way.
        const reuse = await addConnectionReuse(configFile, alias, { sshConfigFile: chosenSshConfigFile(), signal: abort.signal, ...controlDirSetting() });
        if (!clearance.cleared) {
          return { reuse, notTimed: clearance.refusal };
        }
        if (!reuse.effective) {
          return { reuse, before };
        }
        await timeDockerPs(dockerHost, timing);
        return { reuse, before, after: await timeDockerPs(dockerHost, timing) };
      },
    );
  } catch (error) {
    // Cancelled during our strict login, before anything was written.
    if (!(error instanceof DoctorCancelledError)) throw error;
    log().info(`makeDockerFast ${alias}: cancelled`);
    return undefined;
  }
  const { reuse, before, after, notTimed } = result;
  const timed = notTimed ? `docker ps not run: ${notTimed.id} ${notTimed.status}${notTimed.code ? ` (${notTimed.code})` : ''} ${notTimed.message}` : `docker ps ${before?.ms ?? '-'} ms before, ${after?.ms ?? '-'} ms after`;
  log().info(`makeDockerFast ${alias}: ${reuse.written ? `written to ${reuse.file} line ${reuse.line ?? '?'}` : 'already there'}; effective=${reuse.effective}; ${timed}`);
  if (notTimed) {
    showNotTimed(alias, notTimed);
  }
  const undo = vscode.l10n.t('Undo');
  if (!reuse.effective) {
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('The connection reuse lines for {0} are in {1}, but ssh -G shows they do not take effect: {2}. An earlier "Host *", pattern, Match or included file sets these options first; move it below, or remove its lines.', alias, reuse.file, reuse.problems.join('; ')),
        undo,
      )
      .then((choice) => (choice === undo ? vscode.commands.executeCommand(CommandIds.undoMakeDockerFast) : undefined));
    return result;
  }
  const timings = notTimed
    ? ''
    : before?.ok && after?.ok
      ? vscode.l10n.t('docker ps took {0} ms before, {1} ms now.', before.ms, after.ms)
      : vscode.l10n.t('docker ps did not answer ({0}), so no time is shown.', (before?.ok ? after?.error : before?.error) ?? '');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Docker over SSH is fast for {0}: every docker command shares one ssh connection, kept 5 minutes after the last use. {1}', alias, timings), undo)
    .then((choice) => (choice === undo ? vscode.commands.executeCommand(CommandIds.undoMakeDockerFast) : undefined));
  if (configFile !== defaultSshConfigPath()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The docker CLI reads {0}, not {1}: add the line "Include {1}" to {0} so that docker uses the shared connection too.', defaultSshConfigPath(), configFile));
  }
  return result;
}

/** Why no docker ps was timed, with the button that fixes the usual cause: a host key not trusted yet. */
function showNotTimed(alias: string, refusal: CheckResult): void {
  const detail = neutraliseControls(refusal.message);
  if (refusal.code === 'host-key-unknown') {
    const trust = vscode.l10n.t('Check and Trust the Host Key');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('The host key of {0} is not verified yet, so docker ps was not timed: docker\'s own ssh could accept an unknown key by itself. Run "Check and Trust the Host Key" and compare the fingerprint, then Make Fast again for the times. ({1})', alias, detail), trust)
      .then((choice) => (choice === trust ? vscode.commands.executeCommand(CommandIds.trustHost, { target: alias }) : undefined));
    return;
  }
  void vscode.window.showWarningMessage(vscode.l10n.t('docker ps was not timed: a strict ssh login to {0} did not succeed first. Run "Check the Setup" for the cause. ({1})', alias, detail));
}
