import { existsSync } from 'node:fs';
import { BadInputError } from '../core/errors';
import { addHost } from '../core/ssh/config/addHost';
import { listConfiguredHosts } from '../core/ssh/config/configFiles';
import { chosenConfigPath, configPathFromOption } from '../core/ssh/config/paths';
import { addConnectionReuse, removeConnectionReuse, type ReuseResult } from '../core/ssh/connectionReuse';
import { resolveHost, SshConfigError } from '../core/ssh/config/resolveHost';
import { ExitCode, type CliStreams } from './output';
import { parseCliArgs } from './parseCliArgs';
import { findCommandHelp } from './commandHelp';

const hostsActions = ['hosts list', 'hosts add', 'hosts reuse'].map((name) => findCommandHelp(name)).filter((help) => help !== undefined);

const hostsUsage = `Usage:\n${hostsActions.map((help) => `  ${help.usage}\n      ${help.summary}`).join('\n')}\n\nremote-docker-ssh hosts ACTION --help (list, add, reuse): the options.\n`;

/** Says which file was read and how to add a host, so "no hosts" is never a dead end. */
function noHostsMessage(configFile: string, configOption: string | undefined): string {
  const reason = existsSync(configFile)
    ? `${configFile} (and the files it includes) has no "Host ALIAS" block.`
    : `${configFile} does not exist.`;
  const configArgument = configOption === undefined ? '' : ` --config ${configFile}`;
  return `No hosts: ${reason}\nAdd one with: remote-docker-ssh hosts add ALIAS --hostname HOST [--user USER] [--port PORT]${configArgument}\n`;
}

async function listCommand(args: string[], io: CliStreams): Promise<number> {
  const { values, positionals } = parseCliArgs('hosts list', args, {
    config: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) {
    throw new BadInputError(`hosts list takes no arguments (got "${positionals[0]}").`);
  }
  const configFile = configPathFromOption(values.config);
  const hosts = await listConfiguredHosts(configFile);
  if (values.json) {
    io.stdout.write(`${JSON.stringify(hosts, undefined, 2)}\n`);
    return ExitCode.ok;
  }
  if (hosts.length === 0) {
    io.stdout.write(noHostsMessage(configFile, values.config));
    return ExitCode.ok;
  }
  const width = Math.max(...hosts.map((host) => host.alias.length));
  // One write: 10,000 small writes to a pipe cost more than reading the config.
  io.stdout.write(hosts.map((host) => `${host.alias.padEnd(width)}  ${host.file}:${host.line}\n`).join(''));
  return ExitCode.ok;
}

async function addCommand(args: string[], io: CliStreams): Promise<number> {
  const { values, positionals } = parseCliArgs('hosts add', args, {
    hostname: { type: 'string' },
    user: { type: 'string' },
    port: { type: 'string' },
    'identity-file': { type: 'string' },
    config: { type: 'string' },
  });
  if (positionals.length !== 1) {
    throw new BadInputError(
      positionals.length === 0 ? 'hosts add needs an ALIAS.' : `hosts add takes one ALIAS (got ${positionals.length} arguments).`,
    );
  }
  if (values.hostname === undefined) {
    throw new BadInputError('hosts add needs --hostname (the server\'s DNS name or IP address).');
  }
  const alias = positionals[0];
  const configFile = configPathFromOption(values.config);
  const result = await addHost(configFile, {
    alias,
    hostname: values.hostname,
    user: values.user,
    port: values.port,
    identityFile: values['identity-file'],
  });
  io.stdout.write(`Added host "${alias}" to ${result.file} at line ${result.line}.\n`);
  if (result.backupFile) {
    io.stdout.write(`The previous version is in ${result.backupFile}.\n`);
  }
  for (const oddity of result.oddities) {
    io.stderr.write(`warning: ${oddity.message}\n`);
  }
  return verifyAddedHost(configFile, alias, values, io);
}

/** Reads the new host back through `ssh -G`: the proof that ssh will use what was asked for. */
async function verifyAddedHost(
  configFile: string,
  alias: string,
  wanted: { hostname?: string; user?: string; port?: string },
  io: CliStreams,
): Promise<number> {
  try {
    const resolved = await resolveHost(configFile, alias);
    const mismatches: string[] = [];
    if (wanted.hostname !== undefined && resolved.hostname.toLowerCase() !== wanted.hostname.toLowerCase()) {
      mismatches.push(`HostName ${resolved.hostname} (asked for ${wanted.hostname})`);
    }
    if (wanted.user !== undefined && resolved.user !== wanted.user) {
      mismatches.push(`User ${resolved.user} (asked for ${wanted.user})`);
    }
    if (wanted.port !== undefined && resolved.port !== Number(wanted.port)) {
      mismatches.push(`Port ${resolved.port} (asked for ${wanted.port})`);
    }
    if (mismatches.length > 0) {
      io.stderr.write(`ssh -G resolves "${alias}" differently: ${mismatches.join(', ')}. Another part of the config overrides it.\n`);
      return ExitCode.checkFailed;
    }
    io.stdout.write(`ssh resolves "${alias}" to ${resolved.user}@${resolved.hostname} port ${resolved.port}.\n`);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof SshConfigError) {
      io.stderr.write(`The host was added, but it could not be checked with ssh -G: ${error.message}\n`);
      return ExitCode.ok;
    }
    throw error;
  }
}

function reuseText(alias: string, undo: boolean, result: ReuseResult): string {
  const where = result.line !== undefined ? ` at line ${result.line}` : '';
  const lines: string[] = [];
  if (undo) {
    lines.push(result.written ? `Removed the connection reuse lines for "${alias}" from ${result.file}.` : `${result.file} has no connection reuse lines for "${alias}"; nothing was changed.`);
    if (result.effective) lines.push(`Note: ssh -G still shows connection reuse for "${alias}" from other lines of the config.`);
  } else {
    lines.push(result.written ? `Added connection reuse for "${alias}" to ${result.file}${where}.` : `Connection reuse for "${alias}" is already in ${result.file}${where}; nothing was changed.`);
    lines.push(
      result.effective
        ? `ssh -G confirms: docker commands for "${alias}" share one connection (socket ${result.controlPath ?? '?'}, kept 5 minutes after the last use).`
        : `ssh -G shows the lines do not take effect: ${result.problems.join('; ')}. An earlier "Host *", pattern, Match or included file sets these first; move its lines below, or remove them.`,
    );
  }
  if (result.written && result.backupFile) lines.push(`The previous version is in ${result.backupFile}.`);
  return `${lines.join('\n')}\n`;
}

/** `hosts reuse ALIAS [--undo]`: one ssh connection for every docker command (ControlMaster). */
async function reuseCommand(args: string[], io: CliStreams): Promise<number> {
  const { values, positionals } = parseCliArgs('hosts reuse', args, {
    config: { type: 'string' },
    undo: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) {
    throw new BadInputError(positionals.length === 0 ? 'hosts reuse needs an ALIAS.' : `hosts reuse takes one ALIAS (got ${positionals.length} arguments).`);
  }
  const alias = positionals[0];
  const configFile = configPathFromOption(values.config);
  const options = { sshConfigFile: chosenConfigPath(values.config) };
  const undo = values.undo === true;
  const result = undo ? await removeConnectionReuse(configFile, alias, options) : await addConnectionReuse(configFile, alias, options);
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ alias, undo, ...result }, undefined, 2)}\n`);
  } else {
    (result.effective || undo ? io.stdout : io.stderr).write(reuseText(alias, undo, result));
  }
  return undo || result.effective ? ExitCode.ok : ExitCode.checkFailed;
}

export async function hostsCommand(args: string[], io: CliStreams): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'list') {
    return listCommand(rest, io);
  }
  if (action === 'add') {
    return addCommand(rest, io);
  }
  if (action === 'reuse') {
    return reuseCommand(rest, io);
  }
  if (action === '--help' || action === '-h' || action === 'help') {
    io.stdout.write(hostsUsage);
    return ExitCode.ok;
  }
  io.stderr.write(`remote-docker-ssh hosts: ${action === undefined ? 'missing action' : `unknown action "${action}"`}\n\n${hostsUsage}`);
  return ExitCode.badInput;
}
