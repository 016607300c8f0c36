import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { useUserSshConfig } from './support/userSshConfig';
import { CommandIds } from '../../../src/vscode/commandIds';

const extensionId = 'remote-docker-ssh.remote-docker-ssh';

/**
 * addHost driven through its argument API, writing to the file named by `remote.SSH.configFile`.
 * The setting is given in the workspace's .vscode/settings.json (written on disk, as a user would),
 * because without Remote-SSH installed the key is not registered and cannot be written by API.
 */
/** True when `edited` is `original` with one run of characters inserted somewhere. */
function isOneSpliceOf(original: string, edited: string): boolean {
  const inserted = edited.length - original.length;
  if (inserted <= 0) {
    return false;
  }
  let prefix = 0;
  while (prefix < original.length && original[prefix] === edited[prefix]) {
    prefix++;
  }
  for (let at = prefix; at >= 0; at--) {
    if (edited.slice(at + inserted) === original.slice(at)) {
      return edited.slice(0, at) === original.slice(0, at);
    }
  }
  return false;
}

describe('addHost honours remote.SSH.configFile', () => {
  let dir: string;
  let configFile: string;
  let removeUserSshConfig: (() => Promise<void>) | undefined;
  const original = '# my hosts\nHost old\n    HostName old.example.com   # keep this comment spacing\n\nHost *\n    ServerAliveInterval 30\n';

  before(async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    dir = mkdtempSync(join(tmpdir(), 'rds-addhost-'));
    configFile = join(dir, 'ssh_config');
    writeFileSync(configFile, original, { mode: 0o600 });
    removeUserSshConfig = await useUserSshConfig(configFile);
  });

  after(async () => {
    await removeUserSshConfig?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the new block into that file, before Host *, keeping every existing byte', async () => {
    const result = (await vscode.commands.executeCommand(CommandIds.addHost, { alias: 'rds-new', hostname: '127.0.0.1', user: 'dev', port: 2222 })) as { file: string; line: number } | undefined;
    assert.ok(result, 'addHost returned nothing');
    assert.equal(result.file, configFile);
    const text = readFileSync(configFile, 'utf8');
    const block = text.indexOf('Host rds-new');
    assert.ok(block > 0 && block < text.indexOf('Host *'), text);
    assert.match(text.slice(block), /^Host rds-new\r?\n\s+HostName 127\.0\.0\.1\r?\n\s+User dev\r?\n\s+Port 2222/m);
    // The edit is one splice: taking the inserted text out gives the original file, byte for byte.
    assert.ok(isOneSpliceOf(original, text), `not a pure insertion:\n${text}`);
  });

  it('refuses a host name that would become an ssh option and leaves the file untouched', async () => {
    const before = readFileSync(configFile);
    const result = await vscode.commands.executeCommand(CommandIds.addHost, { alias: 'evil', hostname: '-oProxyCommand=touch /tmp/pwned' });
    assert.equal(result, undefined);
    assert.deepEqual(readFileSync(configFile), before);
  });

  it('refuses an alias that is already configured', async () => {
    const before = readFileSync(configFile);
    const result = await vscode.commands.executeCommand(CommandIds.addHost, { alias: 'old', hostname: '10.0.0.1' });
    assert.equal(result, undefined);
    assert.deepEqual(readFileSync(configFile), before);
  });
});
