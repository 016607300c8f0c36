import { runProcess, type ProcessResult } from '../runner';

export interface AgentIdentity {
  readonly bits: number;
  readonly fingerprint: string;
  readonly comment: string;
  readonly type: string;
}

/** Parses `ssh-add -l` lines: "256 SHA256:abc… comment words (ED25519)". */
export function parseAgentIdentities(stdout: string): AgentIdentity[] {
  const identities: AgentIdentity[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^(\d+)\s+(SHA256:[A-Za-z0-9+/=]+)\s+(.*?)\s*\(([A-Z0-9-]+)\)\s*$/.exec(line.trim());
    if (match) identities.push({ bits: Number(match[1]), fingerprint: match[2], comment: match[3], type: match[4] });
  }
  return identities;
}

export async function listAgentIdentities(options: { timeoutMs: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv }): Promise<{ result: ProcessResult; identities: AgentIdentity[] }> {
  const result = await runProcess('ssh-add', ['-l', '-E', 'sha256'], options);
  return { result, identities: result.exitCode === 0 ? parseAgentIdentities(result.stdout) : [] };
}

/** How to get an agent running, per OS (FIELD-NOTES.md: Windows' service is disabled by default, macOS forgets keys). */
export function agentStartInstructions(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32':
      return 'The OpenSSH agent service is disabled by default on Windows. In an administrator PowerShell: `Get-Service ssh-agent | Set-Service -StartupType Automatic; Start-Service ssh-agent` (or `sc config ssh-agent start=auto` and `net start ssh-agent`), then `ssh-add` your key.';
    case 'darwin':
      return 'macOS runs an agent for you; if SSH_AUTH_SOCK is empty, log out and in again. Load the key with `ssh-add --apple-use-keychain ~/.ssh/id_ed25519`, and add `AddKeysToAgent yes` and `UseKeychain yes` under `Host *` in ~/.ssh/config so it survives logins.';
    default:
      return 'Start an agent in this shell with `eval "$(ssh-agent -s)"` (or enable your desktop\'s agent, e.g. `systemctl --user enable --now ssh-agent` where available), make sure SSH_AUTH_SOCK is set where VS Code starts, then `ssh-add` your key.';
  }
}

/** `ssh-add PATH` for the key ssh would use, with the per-OS variant that persists on macOS. */
export function addKeyInstruction(platform: NodeJS.Platform, keyPath: string): string {
  return platform === 'darwin' ? `ssh-add --apple-use-keychain ${keyPath}` : `ssh-add ${keyPath}`;
}
