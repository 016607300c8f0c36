import assert from 'node:assert/strict';
import { parseRemoteProbe } from '../../../src/core/doctor/remoteProbe';
import { parseDoctorTarget } from '../../../src/core/ssh/doctorTarget';
import { remoteDockerCliCheck, olderThan, remoteCliServesDialStdio } from '../../../src/core/doctor/checks/remoteDockerCliCheck';
import { remoteDockerEngineCheck } from '../../../src/core/doctor/checks/remoteDockerEngineCheck';
import { sessionFailure } from '../../../src/core/doctor/checks/sessionFailure';
import { seeCommandFor, type FixContext } from '../../../src/core/doctor/fixes';
import type { DoctorFacts } from '../../../src/core/doctor/checks/facts';
import type { ProcessResult } from '../../../src/core/runner';

/** Facts with only the probe: what the remote checks judge from. */
function factsFrom(probeLines: string[], result: Partial<ProcessResult> = {}): DoctorFacts {
  const stdout = probeLines.join('\n');
  const processResult: ProcessResult = { command: 'ssh', exitCode: 0, stdout, stderr: '', timedOut: false, cancelled: false, durationMs: 200, ...result };
  return { targetText: 'box', target: parseDoctorTarget('box'), path: 'remote-ssh', platform: 'linux', dockerHost: 'ssh://box', probe: { value: { result: processResult, parsed: parseRemoteProbe(stdout), loggedIn: processResult.exitCode !== 255 }, ms: 200 } };
}

const none = new Map();
const session = (...lines: string[]) => ['rds-probe:start', 'rds-probe:user:ann', 'rds-probe:shell:/bin/bash', 'rds-probe:path:/usr/bin:/bin', ...lines, 'rds-probe:end'];
const engine = (versions: string, exit: number, ...output: string[]) => ['rds-probe:cli:/usr/bin/docker', 'rds-probe:engine-begin', `rds-probe:versions:${versions}`, ...output, `rds-probe:engine-exit:${exit}`];

describe('remote host states (issue 16): the probe lines and their codes', () => {
  it('parses what the probe adds when docker is missing or fails', () => {
    const parsed = parseRemoteProbe(
      session('rds-probe:cli-missing', 'rds-probe:login-docker:Welcome to the box', 'rds-probe:login-docker:/snap/bin/docker', 'rds-probe:docker-at:/usr/local/bin/docker', 'rds-probe:writable-path-dir:/home/ann/bin', 'rds-probe:uname:Darwin', 'rds-probe:docker-group-members:bob,ann', 'rds-probe:socket:srw-rw---- 1 root docker 0 Dec  2 01:00 /var/run/docker.sock', 'rds-probe:rootless-socket:/run/user/1000/docker.sock').join('\n'),
    );
    assert.equal(parsed.shell, '/bin/bash');
    assert.equal(parsed.path, '/usr/bin:/bin');
    // A banner printed by a login file is not a path.
    assert.equal(parsed.loginDockerPath, '/snap/bin/docker');
    assert.deepEqual(parsed.dockerElsewhere, ['/usr/local/bin/docker']);
    assert.deepEqual(parsed.writablePathDirs, ['/home/ann/bin']);
    assert.equal(parsed.uname, 'Darwin');
    assert.deepEqual(parsed.dockerGroupMembers, ['bob', 'ann']);
    assert.deepEqual(parsed.socket, { mode: 'srw-rw----', owner: 'root', group: 'docker', path: '/var/run/docker.sock' });
    assert.equal(parsed.rootlessSocket, '/run/user/1000/docker.sock');
  });

  it('docker nowhere at all stays remote-docker-missing, and says which system answered', () => {
    const verdict = remoteDockerCliCheck(factsFrom(session('rds-probe:cli-missing', 'rds-probe:uname:Darwin')), none);
    assert.equal(verdict.code, 'remote-docker-missing');
    assert.match(verdict.message, /PATH=\/usr\/bin:\/bin/);
    assert.match(verdict.message, /reports Darwin/);
    assert.equal(verdict.seeCommand, `ssh -T box 'command -v docker || echo "no docker on PATH=$PATH"'`);
  });

  it('docker in a usual folder only (macOS sshd PATH without /usr/local/bin): login-path-only with sudo when no PATH folder is the user\'s', () => {
    const verdict = remoteDockerCliCheck(factsFrom(session('rds-probe:cli-missing', 'rds-probe:docker-at:/usr/local/bin/docker')), none);
    assert.equal(verdict.code, 'docker-login-path-only');
    assert.match(verdict.message, /it is at \/usr\/local\/bin\/docker, outside that PATH/);
    // The link goes into a folder of the session's own PATH (here /usr/bin: the user may write none).
    assert.match(verdict.fix!, /`sudo ln -s \/usr\/local\/bin\/docker \/usr\/bin\/docker`/);
    assert.match(verdict.fix!, /SetEnv PATH=\/usr\/local\/bin:/);
  });

  it('a VS Code server without the docker group fails the engine check on the Remote-SSH path only', () => {
    const lines = session(...engine('28.2.2|20.10.24', 0), 'rds-probe:stale-server:4242', 'rds-probe:stale-server:4250');
    const remote = remoteDockerEngineCheck(factsFrom(lines), none);
    assert.equal(remote.code, 'docker-group-not-effective');
    assert.match(remote.message, /\(PID 4242, 4250\)/);
    assert.match(remote.fix!, /Kill VS Code Server on Host/);
    assert.equal(remote.seeCommand, `ssh -T box 'grep ^Groups: /proc/4242/status; grep ^docker: /etc/group'`);
    const direct = remoteDockerEngineCheck({ ...factsFrom(lines), path: 'docker-host' }, none);
    assert.equal(direct.status, 'pass');
  });

  it('only podman on the host: docker-is-podman', () => {
    const verdict = remoteDockerCliCheck(factsFrom(session('rds-probe:cli-missing', 'rds-probe:podman:/usr/bin/podman', 'rds-probe:login-docker:/usr/local/bin/docker')), none);
    assert.equal(verdict.code, 'docker-is-podman');
  });

  it('only podman on the host, and Container Tools\' Podman client in the Remote-SSH window: both remote checks pass, only on that path and only when podman answered', () => {
    const answered = factsFrom(session('rds-probe:cli-missing', 'rds-probe:podman:/usr/bin/podman', 'rds-probe:podman-version:4.3.1'));
    const withClient = { ...answered, podmanClient: true };
    assert.equal(remoteDockerCliCheck(withClient, none).status, 'pass');
    assert.match(remoteDockerCliCheck(withClient, none).message, /podman 4\.3\.1 is at \/usr\/bin\/podman on the host\.$/);
    assert.equal(remoteDockerEngineCheck(withClient, none).status, 'pass');
    assert.equal(remoteDockerCliCheck(answered, none).code, 'docker-is-podman', 'the Docker client needs docker');
    assert.equal(remoteDockerCliCheck({ ...withClient, path: 'docker-host' }, none).code, 'docker-is-podman', 'DOCKER_HOST needs dial-stdio');
    const silent = { ...factsFrom(session('rds-probe:cli-missing', 'rds-probe:podman:/usr/bin/podman')), podmanClient: true };
    assert.equal(remoteDockerCliCheck(silent, none).code, 'docker-is-podman', 'a podman that did not answer');
  });

  it('podman-docker\'s shim: docker-is-podman without Podman\'s API service; with it the docker-host path passes and runs the round trip, Remote-SSH still fails', () => {
    const shim = engine('4.3.1|', 0, 'Emulate Docker CLI using podman. Create /etc/containers/nodocker to quiet msg.');
    const down = factsFrom(session(...shim, 'rds-probe:podman:/usr/bin/podman'));
    const up = factsFrom(session(...shim, 'rds-probe:podman:/usr/bin/podman', 'rds-probe:podman-socket:/run/user/1000/podman/podman.sock', 'rds-probe:podman-service:4.3.1'));
    // A socket file whose service does not answer is no service.
    const stale = factsFrom(session(...shim, 'rds-probe:podman:/usr/bin/podman', 'rds-probe:podman-socket:/run/user/1000/podman/podman.sock'));
    for (const facts of [down, stale]) {
      assert.equal(remoteDockerCliCheck({ ...facts, path: 'docker-host' }, none).code, 'docker-is-podman');
      assert.equal(remoteCliServesDialStdio(facts.probe!.value.parsed), false);
    }
    const direct = { ...up, path: 'docker-host' as const };
    const cli = remoteDockerCliCheck(direct, none);
    assert.equal(cli.status, 'pass', cli.message);
    assert.match(cli.message, /shim for Podman 4\.3\.1; .* reaches Podman's API service at \/run\/user\/1000\/podman\/podman\.sock\.$/);
    assert.equal(remoteCliServesDialStdio(up.probe!.value.parsed), true);
    const engineVerdict = remoteDockerEngineCheck(direct, none);
    assert.equal(engineVerdict.status, 'pass');
    assert.match(engineVerdict.message, /^Podman 4\.3\.1 serves the Docker API at \/run\/user\/1000\/podman\/podman\.sock/);
    const remote = remoteDockerCliCheck(up, none);
    assert.equal(remote.code, 'docker-is-podman');
    assert.match(remote.message, /API service answers at \S+, but Container Tools on the host runs the `docker` CLI there/);
    assert.match(remote.fix!, /containers\.containerClient/);
  });

  it('reads CLI versions against 18.09, and a version it cannot read is not "old"', () => {
    assert.equal(olderThan('18.06.3-ce', '18.09'), true);
    assert.equal(olderThan('17.12.1-ce', '18.09'), true);
    assert.equal(olderThan('18.09.0', '18.09'), false);
    assert.equal(olderThan('20.10.24+dfsg1', '18.09'), false);
    assert.equal(olderThan('dev', '18.09'), false);
    const old = parseRemoteProbe(session(...engine('18.06.3-ce|20.10.24', 0)).join('\n'));
    assert.equal(remoteCliServesDialStdio(old), false);
    assert.equal(remoteCliServesDialStdio(parseRemoteProbe(session(...engine('28.2.2|20.10.24', 0)).join('\n'))), true);
  });

  it('a socket-permission failure splits by what the host shows: not in the group, in /etc/group only, root-only socket', () => {
    const denied = 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock';
    const judge = (...extra: string[]) => remoteDockerEngineCheck(factsFrom(session(...engine('28.2.2|', 1, denied), 'rds-probe:groups:ann users', ...extra)), none);
    assert.equal(judge('rds-probe:docker-group-members:bob', 'rds-probe:socket:srw-rw---- 1 root docker 0 Dec 2 01:00 /var/run/docker.sock').code, 'docker-socket-permission');
    const stale = judge('rds-probe:docker-group-members:bob,ann', 'rds-probe:socket:srw-rw---- 1 root docker 0 Dec 2 01:00 /var/run/docker.sock');
    assert.equal(stale.code, 'docker-group-not-effective');
    assert.match(stale.fix!, /sudo nscd -i group/);
    const rootOnly = judge('rds-probe:docker-group-members:ann', 'rds-probe:socket:srw-rw---- 1 root root 0 Dec 2 01:00 /var/run/docker.sock');
    assert.equal(rootOnly.code, 'docker-sudo-only');
    assert.doesNotMatch(rootOnly.fix!, /DOCKER_HOST=\S*sudo/);
    // A root-only socket with a session that has the docker group is still root-only, not a stale session.
    const withGroup = remoteDockerEngineCheck(factsFrom(session(...engine('28.2.2|', 1, denied), 'rds-probe:groups:ann docker', 'rds-probe:docker-group-members:ann', 'rds-probe:socket:srw-rw---- 1 root root 0 Dec 2 01:00 /var/run/docker.sock')), none);
    assert.equal(withGroup.code, 'docker-sudo-only');
  });

  it('a session that logged in but ran no /bin/sh: remote-shell-unsupported; ssh\'s own failure keeps its code', () => {
    const windows = sessionFailure(factsFrom([], { exitCode: 1, stderr: "'/bin/sh' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n" }));
    assert.equal(windows.code, 'remote-shell-unsupported');
    assert.match(windows.message, /not recognized as an internal or external command/);
    assert.equal(sessionFailure(factsFrom([], { exitCode: 255, stderr: 'ssh: connect to host box port 22: Connection refused' })).code, 'connection-refused');
  });

  it('see-it commands name the chosen config file and quote what the shell would split', () => {
    const context: FixContext = { target: 'box', configFile: '/tmp/my config', path: 'docker-host', platform: 'linux', socketPath: '/var/run/docker.sock' };
    assert.equal(seeCommandFor('docker-sudo-only', context), `ssh -F '/tmp/my config' -T box 'ls -l /var/run/docker.sock; docker version'`);
    assert.equal(seeCommandFor('agent-not-running', context), undefined);
  });
  it('an engine that answers on a nearly full data root: passes with a docker-data-root-full warning naming the path and the space', () => {
    const healthy = session(...engine('28.2.2|28.2.2', 0), 'rds-probe:data-root:/var/lib/docker');
    const warned = remoteDockerEngineCheck(factsFrom([...healthy, 'rds-probe:data-root-df:/dev/vda1 20509264 19454304 1038000 95% /']), none);
    assert.equal(warned.status, 'warn');
    assert.equal(warned.code, 'docker-data-root-full');
    assert.match(warned.message, /data root \/var\/lib\/docker has only 1014 MiB free of 20 GiB \(95% used, on the filesystem mounted at \/\)/);
    assert.match(warned.fix!, /`docker system df`.*`docker system prune`/);
    assert.equal(warned.seeCommand, `ssh -T box 'df -h /var/lib/docker; docker system df'`);
    // 100 GB left on a 2 TB disk, and a data root df could not read: no warning.
    assert.equal(remoteDockerEngineCheck(factsFrom([...healthy, 'rds-probe:data-root-df:/dev/md0 2000000000 1900000000 100000000 95% /']), none).status, 'pass');
    assert.equal(remoteDockerEngineCheck(factsFrom(healthy), none).status, 'pass');
  });
});
