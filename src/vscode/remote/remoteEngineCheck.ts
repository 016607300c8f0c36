import * as vscode from 'vscode';
import { containerClientSetting } from '../docker/dockerSettings';
import { checkLocalEngine } from '../../core/docker/localEngine';
import { runDoctor } from '../../core/doctor/doctor';
import type { EngineResult } from '../../core/remote/remoteFollowThrough';
import { runsOnRemoteHost } from '../docker/dockerExtensionPresence';
import { chosenSshConfigFile } from '../ssh/sshConfigFile';

function timeoutMs(): number {
  return vscode.workspace.getConfiguration('remoteDockerSsh').get<number>('checkTimeoutSeconds', 10) * 1000;
}

/**
 * The engine check of the follow-through. Where this extension runs on the SSH host, the engine
 * is local to it: ask the docker CLI here, as the Docker extension next to us will. On the UI
 * side the engine is the host's: ask the doctor, over ssh.
 */
export async function checkEngineOfHost(context: vscode.ExtensionContext, alias: string, signal: AbortSignal): Promise<EngineResult> {
  if (runsOnRemoteHost(context)) {
    const local = await checkLocalEngine({ timeoutMs: timeoutMs(), signal });
    return { status: local.status, code: local.code, message: local.message };
  }
  const report = await runDoctor({ target: alias, path: 'remote-ssh', configFile: chosenSshConfigFile(), timeoutMs: timeoutMs(), signal, only: ['remote-docker-cli', 'remote-docker-engine'], containerClient: containerClientSetting() });
  const failed = report.checks.find((check) => check.status === 'fail');
  return failed ? { status: 'fail', code: failed.code, message: failed.message } : { status: report.ok ? 'pass' : 'skip', message: report.checks.map((c) => c.message).join(' ') };
}
