import { strict as assert } from 'node:assert';
import { decideLocalPrompt, hasSshDockerHost, shouldPromptRemoteInstall, type LocalPromptFacts, type RemoteInstallFacts } from '../../../src/core/workspace/recommendationPrompt';

const local: LocalPromptFacts = { remoteName: undefined, promptSetting: true, dismissedForWorkspace: false, hasWorkspaceFolders: true, setupDone: false, dockerFilesFound: undefined };

describe('decideLocalPrompt', () => {
  it('searches files only when everything else allows a prompt', () => {
    assert.deepEqual(decideLocalPrompt(local), { kind: 'search-files' });
    assert.deepEqual(decideLocalPrompt({ ...local, dockerFilesFound: true }), { kind: 'prompt' });
    assert.deepEqual(decideLocalPrompt({ ...local, dockerFilesFound: false }), { kind: 'skip', reason: 'no-docker-files' });
  });

  it('treats a browser-served editor (remote name host:port) like a local window', () => {
    assert.deepEqual(decideLocalPrompt({ ...local, remoteName: '127.0.0.1:8080' }), { kind: 'search-files' });
  });

  it('skips for each reason, before any file search', () => {
    assert.deepEqual(decideLocalPrompt({ ...local, remoteName: 'ssh-remote' }), { kind: 'skip', reason: 'remote-window' });
    assert.deepEqual(decideLocalPrompt({ ...local, remoteName: 'dev-container' }), { kind: 'skip', reason: 'remote-window' });
    assert.deepEqual(decideLocalPrompt({ ...local, promptSetting: false }), { kind: 'skip', reason: 'setting-off' });
    assert.deepEqual(decideLocalPrompt({ ...local, dismissedForWorkspace: true }), { kind: 'skip', reason: 'dismissed' });
    assert.deepEqual(decideLocalPrompt({ ...local, hasWorkspaceFolders: false }), { kind: 'skip', reason: 'no-workspace' });
    assert.deepEqual(decideLocalPrompt({ ...local, setupDone: true }), { kind: 'skip', reason: 'setup-done' });
  });
});

describe('hasSshDockerHost', () => {
  it('recognises each generation’s setting shape', () => {
    assert.equal(hasSshDockerHost([undefined, { DOCKER_HOST: 'ssh://box' }]), true);
    assert.equal(hasSshDockerHost(['ssh://user@host']), true);
    assert.equal(hasSshDockerHost([{ DOCKER_HOST: 'unix:///var/run/docker.sock' }, 'tcp://x:2375', undefined]), false);
  });
});

describe('shouldPromptRemoteInstall', () => {
  const remote: RemoteInstallFacts = { remoteName: 'ssh-remote', promptSetting: true, dismissedForWorkspace: false, dockerExtension: 'missing', intentLive: false };
  it('prompts in an SSH window whose host lacks the Docker extension', () => {
    assert.equal(shouldPromptRemoteInstall(remote), true);
  });
  it('stays quiet otherwise', () => {
    assert.equal(shouldPromptRemoteInstall({ ...remote, remoteName: undefined }), false);
    assert.equal(shouldPromptRemoteInstall({ ...remote, promptSetting: false }), false);
    assert.equal(shouldPromptRemoteInstall({ ...remote, dismissedForWorkspace: true }), false);
    assert.equal(shouldPromptRemoteInstall({ ...remote, intentLive: true }), false);
    assert.equal(shouldPromptRemoteInstall({ ...remote, dockerExtension: 'unknown' }), false);
    assert.equal(shouldPromptRemoteInstall({ ...remote, dockerExtension: 'installed' }), false);
  });
});
