// Rebuilds contributes.walkthroughs[0].steps in package.json from walkthroughs/<step>.md (the step
// text, edited as markdown) and the table below (title, path, OS, the context key that completes it).
// test/unit/walkthroughManifest.test.ts fails when package.json and the markdown drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moveStringsToNls } from './manifestStrings.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const remoteOnly = 'remoteDockerSsh.setupPath != dockerHost';
const directOnly = 'remoteDockerSsh.setupPath != remoteSsh';

// [id, title, when, completing context key (remoteDockerSsh.step.<key>), alt text]
const steps = [
  ['choosePath', 'Choose how to reach Docker', undefined, 'pathChosen', 'Two ways: VS Code on the host with Remote-SSH, or docker here talking to the host through ssh.'],
  ['installRemoteSsh', 'Remote-SSH: install the extension', remoteOnly, 'remoteSshInstalled', 'VS Code with the Remote-SSH extension added.'],
  ['addHost', 'Add an SSH host', undefined, 'hostConfigured', 'An SSH config block with Host, HostName and User.'],
  ['trustHost', 'Trust the host key', undefined, 'hostTrusted', 'The host key fingerprint is compared, then stored in known_hosts.'],
  ['keyAuth', 'Remote-SSH: set up key authentication', remoteOnly, 'keyAuthorized', 'A key pair: the private key stays here in ssh-agent, the public key goes into authorized_keys on the host.'],
  ['connect', 'Remote-SSH: connect', remoteOnly, 'connected', 'A VS Code window connected to the VS Code server on the host.'],
  ['installDockerOnRemote', 'Remote-SSH: install the Docker extension on the host', remoteOnly, 'dockerExtensionOnRemote', 'The Docker extension installed next to the VS Code server on the host.'],
  ['verifyEngine', 'Remote-SSH: verify the Docker engine', remoteOnly, 'engineVerified', 'docker version on the host answers from the engine.'],
  ['generateKey', 'DOCKER_HOST: generate an SSH key', directOnly, 'keyGenerated', 'ssh-keygen writes id_ed25519 and id_ed25519.pub.'],
  ['agentWindows', 'DOCKER_HOST: start ssh-agent', `${directOnly} && isWindows`, 'agentRunning', 'The Windows ssh-agent service set to start automatically.'],
  ['agentMac', 'DOCKER_HOST: load the key into ssh-agent', `${directOnly} && isMac`, 'agentRunning', 'ssh-add with the macOS keychain.'],
  ['agentLinux', 'DOCKER_HOST: check ssh-agent', `${directOnly} && isLinux`, 'agentRunning', 'SSH_AUTH_SOCK points at a running ssh-agent.'],
  ['listIdentities', 'DOCKER_HOST: check the agent lists your key', directOnly, 'agentHasIdentity', 'ssh-add -l lists an ED25519 identity.'],
  ['authorizeKey', 'DOCKER_HOST: authorize the key on the host', directOnly, 'keyAuthorized', 'ssh-copy-id adds the public key to authorized_keys on the host.'],
  ['configureDockerHost', 'DOCKER_HOST: write the setting', directOnly, 'dockerHostConfigured', 'DOCKER_HOST=ssh://myserver in the settings of the Docker extension.'],
  ['verifyDockerHost', 'DOCKER_HOST: verify docker through ssh', directOnly, 'dockerHostVerified', 'docker ps here lists the containers of the engine on the host.'],
  ['makeDockerFast', 'DOCKER_HOST: make docker over ssh fast', `${directOnly} && !isWindows`, 'dockerFast', 'Every docker command shares one ssh connection (ControlMaster) instead of logging in each time.'],
];

const manifestPath = join(root, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'remoteDockerSsh.setup');
walkthrough.steps = steps.map(([id, title, when, key, altText]) => ({
  id,
  title,
  description: readFileSync(join(root, 'walkthroughs', `${id}.md`), 'utf8').trimEnd(),
  media: {
    image: {
      light: `media/steps/${id}-light.svg`,
      dark: `media/steps/${id}-dark.svg`,
      hc: `media/steps/${id}-dark.svg`,
      hcLight: `media/steps/${id}-light.svg`,
    },
    altText,
  },
  completionEvents: [`onContext:remoteDockerSsh.step.${key}`],
  ...(when ? { when } : {}),
}));
// The texts live in package.nls.json (see tools/manifestStrings.mjs); package.json keeps %key%.
const nlsPath = join(root, 'package.nls.json');
const nls = JSON.parse(readFileSync(nlsPath, 'utf8'));
moveStringsToNls(manifest, nls, { overwrite: true });
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(nlsPath, `${JSON.stringify(nls, null, 2)}\n`);
console.log(`package.json: ${steps.length} walkthrough steps`);
