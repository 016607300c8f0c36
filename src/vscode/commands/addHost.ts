import * as vscode from 'vscode';
import { BadInputError } from '../../core/errors';
import { validateAlias, validateHostName, validateIdentityFile, validatePort, validateUser } from '../../core/ssh/hostSpec';
import { addHost as addHostToConfig } from '../../core/ssh/config/addHost';
import { listConfiguredHosts } from '../../core/ssh/config/configFiles';
import { chooseTarget } from '../ssh/hostTarget';
import { log } from '../log';
import { askSteps } from '../ui/multiStepInput';
import { setCurrentTarget } from '../setupState';
import { sshConfigFile } from '../ssh/sshConfigFile';
import { recordAdded } from '../hosts/addedForHost';
import { extensionContext } from '../extensionContext';

/**
 * The argument API (tests, automation, other commands): a complete host to add, `{ alias }` alone
 * to select a host already in the config, or `{ mode: 'new' }` to ask for a new one.
 */
export interface AddHostArgs {
  readonly mode?: 'new';
  readonly alias?: string;
  readonly hostname?: string;
  readonly user?: string;
  readonly port?: number | string;
  readonly identityFile?: string;
}

export interface AddHostResult {
  readonly alias: string;
  readonly file: string;
  readonly line: number;
  readonly backupFile?: string;
}

/**
 * Without arguments: pick a host from the ssh config or add a new one. With a host in the
 * argument: validate it exactly as the input does, then write it. Nothing is written on bad input.
 */
export async function addHost(args?: AddHostArgs): Promise<AddHostResult | { alias: string } | undefined> {
  if (args?.alias !== undefined && args.hostname === undefined) {
    return useConfiguredHost(String(args.alias));
  }
  if (args?.alias !== undefined || args?.hostname !== undefined) {
    return writeHost(args);
  }
  if (args?.mode === 'new') {
    return askAndWriteHost();
  }
  const alias = await chooseTarget();
  return alias ? { alias } : undefined;
}

/** `{ alias }` alone selects a host that is already in the ssh config (what the picker does). */
async function useConfiguredHost(alias: string): Promise<{ alias: string }> {
  const configFile = sshConfigFile();
  const hosts = await listConfiguredHosts(configFile);
  if (!hosts.some((host) => host.alias === alias)) {
    throw new BadInputError(vscode.l10n.t('{0} is not a host in {1}. Give its hostname to add it.', alias, configFile));
  }
  await setCurrentTarget(alias);
  log().info(`Working on host ${alias}`);
  return { alias };
}

async function askAndWriteHost(): Promise<AddHostResult | undefined> {
  const configFile = sshConfigFile();
  const existing = new Set((await listConfiguredHosts(configFile).catch(() => [])).map((host) => host.alias));
  const title = vscode.l10n.t('Add an SSH host to {0}', configFile);
  const values = await askSteps([
    {
      key: 'alias',
      title,
      prompt: vscode.l10n.t('A short name for the host, used as "ssh NAME" and in DOCKER_HOST=ssh://NAME'),
      placeholder: 'myserver',
      validate: (value) => validateAlias(value) ?? (existing.has(value) ? vscode.l10n.t('{0} is already in {1}.', value, configFile) : undefined),
    },
    { key: 'hostname', title, prompt: vscode.l10n.t('The host name or IP address'), placeholder: 'server.example.com', validate: validateHostName },
    { key: 'user', title, prompt: vscode.l10n.t('Your user name on the host (empty: your local user name)'), validate: validateUser, optional: true },
    { key: 'port', title, prompt: vscode.l10n.t('The SSH port (empty: 22)'), placeholder: '22', validate: validatePort, optional: true },
    {
      key: 'identityFile',
      title,
      prompt: vscode.l10n.t('The private key file to use (empty: the keys ssh tries by default)'),
      placeholder: '~/.ssh/id_ed25519',
      validate: validateIdentityFile,
      optional: true,
    },
  ]);
  if (!values) {
    return undefined;
  }
  return writeHost(values);
}

async function writeHost(args: AddHostArgs): Promise<AddHostResult> {
  const alias = String(args.alias ?? '').trim();
  const hostname = String(args.hostname ?? '').trim();
  const user = args.user === undefined ? '' : String(args.user).trim();
  const port = args.port === undefined ? '' : String(args.port).trim();
  const identityFile = args.identityFile === undefined ? '' : String(args.identityFile).trim();
  const problem =
    validateAlias(alias) ??
    validateHostName(hostname) ??
    (user ? validateUser(user) : undefined) ??
    (port ? validatePort(port) : undefined) ??
    (identityFile ? validateIdentityFile(identityFile) : undefined);
  if (problem) {
    throw new BadInputError(problem);
  }
  const configFile = sshConfigFile();
  const written = await addHostToConfig(configFile, {
    alias,
    hostname,
    ...(user ? { user } : {}),
    ...(port ? { port: Number(port) } : {}),
    ...(identityFile ? { identityFile } : {}),
  });
  await recordAdded(extensionContext().globalState, alias, (previous) => ({ ...previous, sshBlock: written.inserted }));
  await setCurrentTarget(alias);
  log().info(`Added host ${alias} to ${written.file}:${written.line}${written.backupFile ? ` (backup ${written.backupFile})` : ''}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to {1}.', alias, written.file));
  return { alias, ...written };
}
