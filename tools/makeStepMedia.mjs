// Writes the walkthrough step diagrams (media/steps/<step>-light.svg and -dark.svg).
// The pictures are drawn from one description per step so that both themes always show the same
// thing; run `node tools/makeStepMedia.mjs` after changing a scene and commit the SVGs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const themes = {
  light: { bg: '#f6f8fa', panel: '#ffffff', stroke: '#6a737d', text: '#1f2328', muted: '#59636e', accent: '#0969da', ok: '#1a7f37', code: '#eef1f4' },
  dark: { bg: '#1e1e1e', panel: '#2a2d2e', stroke: '#8b949e', text: '#e6edf3', muted: '#a0a8b0', accent: '#4daafc', ok: '#3fb950', code: '#161616' },
};

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A machine: a rounded panel with a caption and up to four lines inside (code lines start with "$" or "~"). */
function machine(t, x, caption, lines, highlighted) {
  const border = highlighted ? t.accent : t.stroke;
  const width = highlighted ? 2.5 : 1.5;
  let out = `<rect x="${x}" y="70" width="170" height="170" rx="12" fill="${t.panel}" stroke="${border}" stroke-width="${width}"/>`;
  out += `<text x="${x + 85}" y="96" text-anchor="middle" font-size="14" font-weight="600" fill="${t.text}">${esc(caption)}</text>`;
  lines.forEach((line, i) => {
    const y = 124 + i * 28;
    const isCode = /^([$~ ]|Host |SHA256)/.test(line) || line.includes('=');
    if (isCode) {
      out += `<rect x="${x + 10}" y="${y - 15}" width="150" height="22" rx="4" fill="${t.code}"/>`;
      out += `<text x="${x + 16}" y="${y}" font-family="Menlo, Consolas, monospace" font-size="11" fill="${t.text}">${esc(line)}</text>`;
    } else {
      out += `<text x="${x + 85}" y="${y}" text-anchor="middle" font-size="12" fill="${t.muted}">${esc(line)}</text>`;
    }
  });
  return out;
}

function link(t, label, state) {
  const color = state === 'ok' ? t.ok : state === 'active' ? t.accent : t.stroke;
  const dash = state === 'none' ? ' stroke-dasharray="6 6"' : '';
  let out = `<line x1="200" y1="155" x2="280" y2="155" stroke="${color}" stroke-width="2.5"${dash}/>`;
  out += `<path d="M272 148 L282 155 L272 162 Z" fill="${color}"/>`;
  out += `<text x="240" y="143" text-anchor="middle" font-size="12" font-weight="600" fill="${color}">${esc(label)}</text>`;
  return out;
}

function badge(t, kind) {
  if (kind === 'check') {
    return `<circle cx="440" cy="72" r="16" fill="${t.ok}"/><path d="M432 72 l6 6 l11 -12" stroke="#ffffff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`;
  }
  if (kind === 'key') {
    return `<circle cx="34" cy="72" r="16" fill="${t.accent}"/><circle cx="29" cy="72" r="5" fill="none" stroke="#ffffff" stroke-width="2.5"/><path d="M34 72 h10 m-4 0 v5" stroke="#ffffff" stroke-width="2.5" fill="none"/>`;
  }
  if (kind === 'shield') {
    return `<path d="M440 56 l14 5 v9 c0 9 -6 15 -14 19 c-8 -4 -14 -10 -14 -19 v-9 z" fill="${t.accent}"/><path d="M434 72 l4 4 l8 -9" stroke="#ffffff" stroke-width="2.5" fill="none"/>`;
  }
  return '';
}

function svg(theme, scene) {
  const t = themes[theme];
  const body = [
    `<rect width="480" height="270" rx="14" fill="${t.bg}"/>`,
    `<text x="240" y="40" text-anchor="middle" font-size="17" font-weight="600" fill="${t.text}">${esc(scene.title)}</text>`,
    machine(t, 20, scene.leftCaption ?? 'This computer', scene.left, scene.focus === 'left'),
    machine(t, 290, scene.rightCaption ?? 'Linux host', scene.right, scene.focus === 'right'),
    link(t, scene.link, scene.linkState ?? 'active'),
    badge(t, scene.badge),
  ].join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 270" width="480" height="270" font-family="Segoe UI, Helvetica, Arial, sans-serif" role="img">\n  <title>${esc(scene.title)}</title>\n  ${body}\n</svg>\n`;
}

// One scene per walkthrough step id (package.json contributes.walkthroughs[0].steps[].id).
const scenes = {
  choosePath: { title: 'Where does your code live?', left: ['No: code stays here', '$ docker → ssh'], right: ['Yes: Remote-SSH', 'VS Code server', 'Docker engine'], link: 'ssh', linkState: 'none' },
  installRemoteSsh: { title: 'Install Remote-SSH', left: ['VS Code', '+ Remote-SSH', '(Open Remote - SSH', 'on VSCodium)'], right: ['nothing yet'], link: 'ssh', linkState: 'none', focus: 'left' },
  addHost: { title: 'Add the host to your SSH config', left: ['~/.ssh/config', 'Host myserver', '  HostName 10.0.0.5', '  User dev'], right: ['sshd :22'], link: 'ssh myserver', focus: 'left' },
  trustHost: { title: 'Check and trust the host key', left: ['known_hosts', '$ ssh-keygen -lf', 'SHA256:…'], right: ['host key', 'ed25519'], link: 'fingerprint', focus: 'left', badge: 'shield' },
  keyAuth: { title: 'Key authentication', left: ['~/.ssh/id_ed25519', '$ ssh-add', 'ssh-agent'], right: ['authorized_keys', 'id_ed25519.pub'], link: 'public key', focus: 'right', badge: 'key' },
  connect: { title: 'Connect with Remote-SSH', left: ['VS Code window'], right: ['VS Code server', 'ssh-remote+myserver'], link: 'Remote-SSH', linkState: 'ok', focus: 'right' },
  installDockerOnRemote: { title: 'Docker extension on the host', left: ['VS Code window'], right: ['VS Code server', '+ Container Tools', 'Docker engine'], link: 'Remote-SSH', linkState: 'ok', focus: 'right' },
  verifyEngine: { title: 'Verify the Docker engine', left: ['VS Code window'], right: ['$ docker version', 'Server: Engine', 'containers ✓'], link: 'Remote-SSH', linkState: 'ok', focus: 'right', badge: 'check' },
  generateKey: { title: 'Generate an SSH key', left: ['$ ssh-keygen', '  -t ed25519', 'id_ed25519', 'id_ed25519.pub'], right: ['sshd :22'], link: 'ssh', linkState: 'none', focus: 'left', badge: 'key' },
  agentWindows: { title: 'Start ssh-agent (Windows)', leftCaption: 'Windows', left: ['ssh-agent service', 'start=auto', '$ ssh-add KEY'], right: ['sshd :22'], link: 'ssh', linkState: 'none', focus: 'left' },
  agentMac: { title: 'Load the key (macOS)', leftCaption: 'macOS', left: ['$ ssh-add', '  --apple-use-keychain', 'UseKeychain yes'], right: ['sshd :22'], link: 'ssh', linkState: 'none', focus: 'left' },
  agentLinux: { title: 'Start ssh-agent (Linux)', leftCaption: 'Linux', left: ['SSH_AUTH_SOCK=…', '$ ssh-add KEY'], right: ['sshd :22'], link: 'ssh', linkState: 'none', focus: 'left' },
  listIdentities: { title: 'Is the key in the agent?', left: ['$ ssh-add -l', '256 SHA256:…', '(ED25519)'], right: ['sshd :22'], link: 'ssh', linkState: 'none', focus: 'left', badge: 'key' },
  authorizeKey: { title: 'Authorize the key on the host', left: ['$ ssh-copy-id', '  myserver'], right: ['~/.ssh/', 'authorized_keys', '+ id_ed25519.pub'], link: 'public key', focus: 'right' },
  configureDockerHost: { title: 'Point Docker at the host', left: ['settings.json', 'DOCKER_HOST=', 'ssh://myserver'], right: ['Docker engine'], link: 'DOCKER_HOST', focus: 'left' },
  verifyDockerHost: { title: 'Verify docker through ssh', left: ['$ docker ps', 'CONTAINER ID …'], right: ['Docker engine', 'dial-stdio'], link: 'ssh', linkState: 'ok', badge: 'check' },
  makeDockerFast: { title: 'One shared ssh connection', left: ['$ docker ps', 'ControlMaster auto', 'ControlPersist 5m'], right: ['Docker engine', 'one login'], link: 'ssh', linkState: 'ok', badge: 'check' },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'media', 'steps');
mkdirSync(root, { recursive: true });
for (const [id, scene] of Object.entries(scenes)) {
  for (const theme of Object.keys(themes)) {
    writeFileSync(join(root, `${id}-${theme}.svg`), svg(theme, scene));
  }
}
console.log(`wrote ${Object.keys(scenes).length * 2} files to ${root}`);
