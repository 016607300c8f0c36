/**
 * What `remote-docker-ssh --help` and `remote-docker-ssh COMMAND --help` print. One entry per
 * command; the option names here are the ones each command's parser accepts (a unit test holds
 * the two together), so help never lists an option the parser refuses.
 */

export interface OptionHelp {
  readonly name: string;
  /** The value placeholder, or undefined for a flag. */
  readonly value?: string;
  readonly text: string;
}

export interface CommandHelp {
  /** As typed: `doctor`, `hosts list`. */
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly description: readonly string[];
  readonly takesTarget: boolean;
  readonly options: readonly OptionHelp[];
}

const configOption: OptionHelp = {
  name: 'config',
  value: 'FILE',
  text: 'The ssh config file to read (ssh -F FILE). Default: ~/.ssh/config, without -F.',
};
const jsonOption: OptionHelp = { name: 'json', text: 'Print one JSON object (or array) on stdout instead of text.' };
const timeoutOption: OptionHelp = {
  name: 'timeout',
  value: 'SECONDS',
  text: 'Stop after this many seconds in all (more than 0, at most 600). Default: 10.',
};

export const targetHelp = [
  'TARGET is a Host alias from the ssh config, or [user@]host[:port] (an IPv6 address as [addr]:port).',
  'It is passed to ssh as a destination, never as an option: a TARGET that starts with "-" is refused.',
];

export const exitCodeHelp = ['0  everything checked passed', '1  a check failed (the report says which, and the fix)', '2  bad input: nothing was changed'];

export const commandHelp: readonly CommandHelp[] = [
  {
    name: 'doctor',
    summary: 'Check, step by step, that Docker on TARGET can be reached over ssh.',
    usage: 'remote-docker-ssh doctor TARGET [--path remote-ssh|docker-host] [--config FILE] [--timeout SECONDS] [--only CHECK,...] [--container-client docker|podman] [--json]',
    description: [
      'Runs the same checks as the extension\'s "Check the Setup": the ssh client, the host key, key',
      'authentication, docker on the host and, for --path docker-host, docker here through ssh.',
      'Each failed check prints a failure code and the fix. Nothing is written, and ssh never prompts.',
    ],
    takesTarget: true,
    options: [
      { name: 'path', value: 'PATH', text: 'remote-ssh (default): VS Code runs on the host. docker-host: docker here, DOCKER_HOST=ssh://….' },
      configOption,
      timeoutOption,
      {
        name: 'only',
        value: 'CHECK,...',
        text: 'Run only these checks: ssh-client, agent, identity, host-key, auth, remote-docker-cli, remote-docker-engine, local-docker-cli, ssh-master, docker-host-roundtrip.',
      },
      {
        name: 'container-client',
        value: 'CLIENT',
        text: 'remote-ssh path: the client Container Tools uses on the host, as its containers.containerClient setting says. docker (default), or podman: then podman on the host passes instead of docker-is-podman.',
      },
      jsonOption,
    ],
  },
  {
    name: 'trust-host',
    summary: 'Add the host key of TARGET to known_hosts, if it has the fingerprint you give.',
    usage: 'remote-docker-ssh trust-host TARGET --fingerprint SHA256:... [--config FILE] [--timeout SECONDS]',
    description: [
      'Fetches the key TARGET offers now and writes it to your known_hosts file only when its',
      'fingerprint is the one you verified with the host\'s administrator',
      '(on the host: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). A changed key is never replaced.',
    ],
    takesTarget: true,
    options: [
      { name: 'fingerprint', value: 'SHA256:...', text: 'The fingerprint you expect (required).' },
      configOption,
      timeoutOption,
    ],
  },
  {
    name: 'hosts list',
    summary: 'List the Host aliases of the ssh config, with file and line.',
    usage: 'remote-docker-ssh hosts list [--config FILE] [--json]',
    description: ['Follows Include lines. Wildcard and negated patterns are not hosts and are left out.'],
    takesTarget: false,
    options: [configOption, jsonOption],
  },
  {
    name: 'hosts add',
    summary: 'Add a Host block to the ssh config (a backup is kept) and read it back with ssh -G.',
    usage: 'remote-docker-ssh hosts add ALIAS --hostname HOST [--user USER] [--port PORT] [--identity-file FILE] [--config FILE]',
    description: [
      'Appends "Host ALIAS" with the values given; every other byte of the file stays as it was.',
      'The previous file is kept as config.remote-docker-ssh.bak next to it.',
    ],
    takesTarget: false,
    options: [
      { name: 'hostname', value: 'HOST', text: 'The server\'s DNS name or IP address (required).' },
      { name: 'user', value: 'USER', text: 'The user to log in as.' },
      { name: 'port', value: 'PORT', text: 'The ssh port (1-65535).' },
      { name: 'identity-file', value: 'FILE', text: 'The private key to use, for example ~/.ssh/id_ed25519.' },
      configOption,
    ],
  },
  {
    name: 'hosts reuse',
    summary: 'Make docker over ssh fast: one shared ssh connection for ALIAS (ControlMaster); --undo removes it.',
    usage: 'remote-docker-ssh hosts reuse ALIAS [--config FILE] [--undo] [--json]',
    description: [
      'Adds ControlMaster auto, ControlPath ~/.ssh/cm/%C (a private 0700 folder), ControlPersist 5m and',
      'ServerAliveInterval 5 / ServerAliveCountMax 3 for ALIAS, inside its own Host block or in a block',
      'placed where ssh applies it; every other byte stays, a backup is kept. Then ssh -G shows whether',
      'the options take effect. --undo removes exactly the lines it added.',
      'Exit status 1: the lines were written, but ssh -G shows an earlier part of the config wins.',
      'Not on Windows: its OpenSSH has no connection multiplexing.',
    ],
    takesTarget: false,
    options: [configOption, { name: 'undo', text: 'Remove the lines an earlier "hosts reuse ALIAS" added.' }, jsonOption],
  },
  {
    name: 'docker-host',
    summary: 'Print DOCKER_HOST for TARGET and the settings each Docker extension reads.',
    usage: 'remote-docker-ssh docker-host TARGET [--config FILE] [--json]',
    description: ['Prints the ssh://… value, the settings to put it in, and the docker context command. Writes nothing.'],
    takesTarget: true,
    options: [configOption, jsonOption],
  },
];

export function findCommandHelp(name: string): CommandHelp | undefined {
  return commandHelp.find((command) => command.name === name);
}

const helpOption: OptionHelp = { name: 'help', text: 'Show this help.' };

function optionLines(options: readonly OptionHelp[]): string[] {
  const labels = options.map((option) => `--${option.name}${option.value ? ` ${option.value}` : ''}`);
  const width = Math.max(...labels.map((label) => label.length));
  return options.map((option, index) => `  ${labels[index].padEnd(width)}  ${option.text}`);
}

export function formatCommandHelp(command: CommandHelp): string {
  const lines = [`Usage: ${command.usage}`, '', command.summary, '', ...command.description, ''];
  if (command.takesTarget) lines.push(...targetHelp, '');
  lines.push('Options:', ...optionLines([...command.options, helpOption]), '', 'Exit status:', ...exitCodeHelp.map((line) => `  ${line}`), '');
  return lines.join('\n');
}

export function formatOverview(version: string): string {
  const width = Math.max(...commandHelp.map((command) => command.name.length));
  return [
    `remote-docker-ssh ${version}: set up and check Docker on a Linux host over ssh.`,
    '',
    'Usage: remote-docker-ssh COMMAND [ARGS] [OPTIONS]',
    '',
    'Commands:',
    ...commandHelp.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    ...targetHelp,
    '',
    'Exit status:',
    ...exitCodeHelp.map((line) => `  ${line}`),
    '',
    'remote-docker-ssh COMMAND --help explains a command and its options. --version prints the version.',
    '',
  ].join('\n');
}
