import type { HostTarget } from './doctorTarget';
import { sshDestinationArgs } from './doctorTarget';

/**
 * ERROR: what ssh says when it fails. VERBOSE adds "Authenticated to …" (a login that then hangs is
 * told from one that never happened). DEBUG1 adds "Server accepts key: …".
 */
export type SshLogLevel = 'ERROR' | 'VERBOSE' | 'DEBUG1';

/**
 * Options for every ssh call the checks make. BatchMode never prompts; StrictHostKeyChecking=yes
 * and UpdateHostKeys=no mean the doctor never writes known_hosts (a config with
 * StrictHostKeyChecking no/accept-new would add keys silently). ControlPath=none: a check must
 * not ride on a user's existing master connection, which would hide auth and host-key problems,
 * nor leave a persistent master behind. Forwardings and LocalCommand from the config are off.
 */
export function sshCheckArgs(configFile: string | undefined, connectTimeoutSeconds: number, logLevel: SshLogLevel = 'ERROR'): string[] {
  return [
    ...(configFile !== undefined ? ['-F', configFile] : []),
    '-o', 'BatchMode=yes',
    '-o', `ConnectTimeout=${connectTimeoutSeconds}`,
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'UpdateHostKeys=no',
    '-o', 'ControlMaster=no',
    '-o', 'ControlPath=none',
    '-o', 'ClearAllForwardings=yes',
    '-o', 'PermitLocalCommand=no',
    // A config's LogLevel QUIET would hide every reason ssh fails; errors are what the checks read.
    '-o', `LogLevel=${logLevel}`,
    '-T',
  ];
}

/** `ssh [options] [-l user] [-p port] -- destination [command…]` */
export function sshCommandArgs(configFile: string | undefined, connectTimeoutSeconds: number, target: HostTarget, remoteCommand: readonly string[], logLevel: SshLogLevel = 'ERROR'): string[] {
  return [...sshCheckArgs(configFile, connectTimeoutSeconds, logLevel), ...sshDestinationArgs(target), ...remoteCommand];
}
