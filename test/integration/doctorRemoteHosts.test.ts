import assert from 'node:assert/strict';
import { chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRig, type Rig, type RigFault } from '../fixtures/rig/index';
import { runDoctor, type DoctorReport } from '../../src/core/doctor/doctor';
import { runProcess } from '../../src/core/runner';
import { formatDoctorReport } from '../../src/cli/doctorReportText';
import { checkOf } from './helpers/rigSuite';
import { acceptedLogins } from '../fixtures/rig/sshdLog';
import { runCli } from './helpers/runCli';

/*
 * Issue 16: each way a remote host breaks Docker over SSH, as a rig user that really is in that
 * state. The doctor names it with its own code, says how to see it, and after its own fix (run
 * here as the fix says: over ssh as the user, or as root on the host) it passes.
 */

const check = checkOf;

function failures(report: DoctorReport): string[] {
  return report.checks.filter((entry) => entry.status === 'fail').map((entry) => `${entry.id}:${entry.code}: ${entry.message}`);
}

/** The backticked commands of a fix, in order. */
function commandsIn(fix: string | undefined): string[] {
  return [...(fix ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

describe('doctor: the ways a remote host breaks Docker over SSH (rig users in each state)', function () {
  this.timeout(90_000);
  let rig: Rig;
  let runTmp: string;

  before(async () => {
    rig = await startRig();
    runTmp = mkdtempSync(join(tmpdir(), 'doctor-hosts-'));
  });
  after(async () => {
    await rig?.stop();
    if (runTmp) rmSync(runTmp, { recursive: true, force: true });
  });

  const doctor = (path: 'remote-ssh' | 'docker-host') => runDoctor({ target: rig.alias, path, configFile: rig.configFile, env: { ...rig.env, TMPDIR: runTmp }, timeoutMs: 20_000 });

  /** A command on the host as the rig user, typed into the user's own login shell: how a user applies a fix. */
  async function onHost(command: string): Promise<string> {
    const result = await runProcess('ssh', ['-F', rig.configFile, '-o', 'BatchMode=yes', '-T', '--', rig.alias], { timeoutMs: 20_000, env: rig.env, input: `${command}\n` });
    assert.equal(result.exitCode, 0, `${command}: ${result.stderr}`);
    return result.stdout;
  }

  /** The see-it command, run as the user would paste it into a shell here. */
  async function runSeeCommand(command: string | undefined): Promise<string> {
    assert.ok(command, 'the failure carries a command to see it');
    const result = await runProcess('/bin/sh', ['-c', `${command} 2>&1`], { timeoutMs: 20_000, env: rig.env });
    return result.stdout;
  }

  async function withFaults<T>(faults: RigFault[], body: () => Promise<T>): Promise<T> {
    const repairs: (() => Promise<void>)[] = [];
    try {
      for (const fault of faults) repairs.unshift(await rig.breakOne(fault));
      return await body();
    } finally {
      for (const repair of repairs) await repair();
    }
  }

  it('docker only on the login PATH: docker-login-path-only names where, and its symlink fix makes the doctor pass', async () => {
    await withFaults(['docker-login-path-only'], async () => {
      const report = await doctor('docker-host');
      const cli = check(report, 'remote-docker-cli');
      assert.equal(cli.code, 'docker-login-path-only', failures(report).join('\n'));
      assert.match(cli.message, /login-only-bin\/docker/);
      assert.match(cli.message, /PATH=[^ ]*\.local\/bin:\/usr\/sbin:\/sbin/);
      assert.match(cli.fix!, /SetEnv PATH=/);
      assert.match(cli.fix!, /~\/\.ssh\/environment/);
      // The user's own ~/.local/bin is first on the session PATH and writable: no sudo needed.
      const [link] = commandsIn(cli.fix).filter((command) => command.startsWith('ln -s '));
      assert.ok(link, cli.fix);
      assert.match(link, new RegExp(`^ln -s \\S+login-only-bin/docker \\S+/home/${rig.user}/\\.local/bin/docker$`));
      assert.match(await runSeeCommand(cli.seeCommand), /no docker on PATH=/);
      // The CLI report shows the fix and the command to see it.
      assert.match(formatDoctorReport(report, false), /see: ssh -F \S+ -T \S+ 'command -v docker/);

      await onHost(link);
      const fixed = await doctor('docker-host');
      assert.deepEqual(failures(fixed), []);
      assert.equal(fixed.ok, true);
    });
  });

  it('fish as the login shell: the probe runs, and docker on fish\'s login PATH only is found through fish', async () => {
    await withFaults(['login-shell-fish'], async () => {
      const healthy = await doctor('remote-ssh');
      assert.deepEqual(failures(healthy), []);
      assert.match(check(healthy, 'remote-docker-cli').message, /login shell \/usr\/bin\/fish/);
    });
    await withFaults(['login-shell-fish', 'docker-login-path-only'], async () => {
      const report = await doctor('remote-ssh');
      const cli = check(report, 'remote-docker-cli');
      assert.equal(cli.code, 'docker-login-path-only', JSON.stringify(report.checks));
      assert.match(cli.message, /login shell \(\/usr\/bin\/fish -l\) finds it at \S+login-only-bin\/docker/);
      await onHost(commandsIn(cli.fix).find((command) => command.startsWith('ln -s '))!);
      assert.deepEqual(failures(await doctor('remote-ssh')), []);
    });
  });

  it('a login shell that runs no POSIX commands (a Windows cmd.exe stand-in): remote-shell-unsupported, the login itself passes', async () => {
    await withFaults(['login-shell-not-posix'], async () => {
      const report = await doctor('remote-ssh');
      assert.equal(check(report, 'auth').status, 'pass');
      const cli = check(report, 'remote-docker-cli');
      assert.equal(cli.code, 'remote-shell-unsupported', failures(report).join('\n'));
      assert.match(cli.message, /is not recognized as an internal or external command/);
      assert.match(cli.fix!, /Windows OpenSSH/);
      assert.equal(check(report, 'remote-docker-engine').status, 'skip');
    });
  });

  it('rootless Docker with DOCKER_HOST only in .profile: docker-rootless-not-selected, and `docker context use rootless` makes it pass', async () => {
    await withFaults(['docker-rootless'], async () => {
      const report = await doctor('docker-host');
      const engine = check(report, 'remote-docker-engine');
      assert.equal(engine.code, 'docker-rootless-not-selected', failures(report).join('\n'));
      assert.match(engine.message, /xdg-run\/docker\.sock/);
      const commands = commandsIn(engine.fix).filter((command) => command.startsWith('docker context '));
      assert.deepEqual(commands.map((command) => command.split(' ').slice(0, 3).join(' ')), ['docker context create', 'docker context use']);
      assert.match(await runSeeCommand(engine.seeCommand), /DOCKER_HOST=$/m);

      for (const command of commands) await onHost(command);
      const fixed = await doctor('docker-host');
      assert.deepEqual(failures(fixed), []);
      // The round trip's dial-stdio reached the rootless engine through the context.
      assert.equal(check(fixed, 'docker-host-roundtrip').status, 'pass');
    });
  });

  it('docker group added while a shared connection keeps the old groups: docker-group-not-effective, and `ssh -O exit` makes it pass', async () => {
    await withFaults(['docker-group-stale-connection'], async () => {
      const report = await doctor('docker-host');
      // Our own fresh session has the group; the docker CLI's ssh rides the old connection.
      assert.equal(check(report, 'remote-docker-engine').status, 'pass');
      const roundtrip = check(report, 'docker-host-roundtrip');
      assert.equal(roundtrip.code, 'docker-group-not-effective', failures(report).join('\n'));
      assert.match(roundtrip.message, /ControlPath/);
      const [exit] = commandsIn(roundtrip.fix).filter((command) => / -O exit /.test(command));
      assert.equal(exit, `ssh -F ${rig.configFile} -O exit ${rig.alias}`);
      // Through the shared connection the session really lacks the group that /etc/group lists.
      const [groups, groupLine] = (await runSeeCommand(roundtrip.seeCommand)).split('\n');
      assert.doesNotMatch(groups, /\bdocker\b/);
      assert.match(groupLine, new RegExp(`^docker:.*\\b${rig.user}\\b`));

      const closed = await runProcess('/bin/sh', ['-c', exit], { timeoutMs: 20_000, env: rig.env });
      assert.equal(closed.exitCode, 0, closed.stderr);
      assert.deepEqual(failures(await doctor('docker-host')), []);
    });
  });

  it('docker group added while the VS Code server keeps the old groups: docker-group-not-effective on the Remote-SSH path; restarting the server makes it pass', async () => {
    await withFaults(['vscode-server-stale-groups'], async () => {
      const report = await doctor('remote-ssh');
      const engine = check(report, 'remote-docker-engine');
      assert.equal(engine.code, 'docker-group-not-effective', failures(report).join('\n'));
      const pids = /VS Code server on the host \(PID ([\d, ]+)\)/.exec(engine.message)![1].split(', ').map(Number);
      assert.match(engine.fix!, /Kill VS Code Server on Host/);
      const dockerGid = /^docker:[^:]*:(\d+):/m.exec(readFileSync('/etc/group', 'utf8'))![1];
      const seen = await runSeeCommand(engine.seeCommand);
      assert.match(seen, /^Groups:/m);
      assert.doesNotMatch(/^Groups:.*$/m.exec(seen)![0], new RegExp(`\\b${dockerGid}\\b`));
      assert.match(seen, new RegExp(`^docker:.*\\b${rig.user}\\b`, 'm'));
      // The DOCKER_HOST path does not use the server: it passes.
      assert.deepEqual(failures(await doctor('docker-host')), []);

      // "Kill VS Code Server on Host": the server processes end; a new server would start with the new groups.
      for (const pid of pids) process.kill(pid, 'SIGTERM');
      while (pids.some((pid) => existsSync(`/proc/${pid}`))) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(failures(await doctor('remote-ssh')), []);
    });
  });

  it('a socket only root may open: docker-sudo-only, never sudo in DOCKER_HOST; dockerd with -G docker makes it pass', async () => {
    const repair = await rig.breakOne('docker-socket-root-only');
    try {
      const report = await doctor('remote-ssh');
      const engine = check(report, 'remote-docker-engine');
      assert.equal(engine.code, 'docker-sudo-only', failures(report).join('\n'));
      assert.match(engine.message, /root:root/);
      assert.match(engine.fix!, /never put sudo in DOCKER_HOST/);
      assert.doesNotMatch(engine.fix!, /DOCKER_HOST=[^`]*sudo/);
      assert.ok(commandsIn(engine.fix).includes('sudo systemctl restart docker'));
      assert.ok(commandsIn(engine.fix).includes(`sudo usermod -aG docker ${rig.user}`));
    } finally {
      // The fix on the rig: the rig's dockerd restarts with -G docker (its systemctl restart); the user is in the group.
      await repair();
    }
    const membership = await runProcess('usermod', ['-aG', 'docker', rig.user], { timeoutMs: 20_000 });
    assert.equal(membership.exitCode, 0, membership.stderr);
    assert.deepEqual(failures(await doctor('remote-ssh')), []);
  });

  it('a docker shim that behaves like podman-docker: docker-is-podman, with what works instead', async () => {
    await withFaults(['docker-podman-shim'], async () => {
      const remote = await doctor('remote-ssh');
      const cli = check(remote, 'remote-docker-cli');
      assert.equal(cli.code, 'docker-is-podman', failures(remote).join('\n'));
      assert.match(cli.message, /podman 4\.3\.1/);
      assert.match(cli.fix!, /containers\.containerClient/);
      assert.match(await runSeeCommand(cli.seeCommand), /podman version 4\.3\.1/);
      const directReport = await doctor('docker-host');
      const direct = check(directReport, 'remote-docker-cli');
      assert.equal(direct.code, 'docker-is-podman');
      // The docker CLI's ssh:// round trip is not started against a host that cannot serve dial-stdio.
      assert.equal(check(directReport, 'docker-host-roundtrip').status, 'skip');
      assert.match(direct.fix!, /podman\.socket/);
      assert.match(direct.fix!, /podman system connection add/);
    });
  });

  it('a docker CLI older than 18.09: docker-cli-too-old; a current CLI in its place makes it pass', async () => {
    await withFaults(['docker-cli-old'], async () => {
      const report = await doctor('docker-host');
      const cli = check(report, 'remote-docker-cli');
      assert.equal(cli.code, 'docker-cli-too-old', failures(report).join('\n'));
      assert.match(cli.message, /18\.06\.3-ce, older than 18\.09/);
      assert.match(await runSeeCommand(cli.seeCommand), /Docker version 18\.06\.3-ce/);
      // Installing a current CLI over the old one (no network here: the machine's own CLI, linked in its place).
      const oldCli = /The docker CLI at (\S+) is/.exec(cli.message)![1];
      const current = (await runProcess('/bin/sh', ['-c', 'command -v docker'], { timeoutMs: 5000 })).stdout.trim();
      unlinkSync(oldCli);
      symlinkSync(current, oldCli);
      assert.equal(lstatSync(oldCli).isSymbolicLink() && readlinkSync(oldCli), current);
      assert.deepEqual(failures(await doctor('docker-host')), []);
    });
  });
  it('an engine that answers on a nearly full data root: a docker-data-root-full warning that keeps the doctor ok; its `docker system prune` clears it', async () => {
    await withFaults(['docker-data-root-full'], async () => {
      const report = await doctor('docker-host');
      const engine = check(report, 'remote-docker-engine');
      assert.equal(engine.status, 'warn', engine.message);
      assert.equal(engine.code, 'docker-data-root-full');
      // A warning is not a failure: every other check passes, the round trip ran on this engine, and ok stays true.
      assert.deepEqual(failures(report), []);
      assert.equal(check(report, 'docker-host-roundtrip').status, 'pass');
      assert.equal(report.ok, true);
      const dataRoot = /its data root (\S+) has only/.exec(engine.message)?.[1];
      assert.match(dataRoot ?? '', new RegExp(`^${rig.tmpDir}/docker/small-disk/data$`), engine.message);
      assert.match(engine.message, /has only [\d.]+ MiB free of 64 MiB \(9\d% used\): pulls, builds and new containers will fail/);
      assert.match(formatDoctorReport(report, false), /\n +! remote-docker-engine .*\[docker-data-root-full\][\s\S]*checks passed in \d+ ms, 1 with a warning\./);
      // Finding it costs no SSH session of its own: the remote-ssh doctor still logs in once.
      const loginsBefore = acceptedLogins(rig);
      const remote = await doctor('remote-ssh');
      assert.equal(acceptedLogins(rig), loginsBefore + 1, 'logins of one remote-ssh doctor');
      assert.equal(check(remote, 'remote-docker-engine').code, 'docker-data-root-full');
      assert.equal(remote.ok, true);
      // The command to see it shows the same disk and what docker keeps on it.
      const seen = await runSeeCommand(engine.seeCommand);
      assert.match(seen, new RegExp(`\\b9\\d% ${dataRoot}\\n`), seen);
      assert.match(seen, /^Images +1 +0 .*\(100%\)$/m, seen);
      // The fix, as a user runs it on the host (-f: no one answers its prompt over a piped ssh).
      const prune = commandsIn(engine.fix).find((command) => command === 'docker system prune');
      assert.ok(prune, engine.fix);
      await onHost(`${prune} -f`);
      const after = await doctor('docker-host');
      assert.deepEqual(after.checks.filter((entry) => entry.status !== 'pass').map((entry) => `${entry.id}: ${entry.message}`), []);
      assert.match(check(after, 'remote-docker-engine').message, /small-disk\/docker\.sock/);
    });
  });

  it('Debian\'s real podman 4.3.1 behind podman-docker\'s shim: docker-is-podman; after its fix (the user\'s Podman socket) podman reaches it over ssh and the DOCKER_HOST doctor passes, round trip included', async () => {
    await withFaults(['docker-podman-real'], async () => {
      const report = await doctor('docker-host');
      const cli = check(report, 'remote-docker-cli');
      assert.equal(cli.code, 'docker-is-podman', failures(report).join('\n'));
      assert.match(cli.message, /podman 4\.3\.1\), not the docker CLI: .* while Podman's API service is not running\.$/);
      assert.equal(check(report, 'docker-host-roundtrip').status, 'skip');
      const commands = commandsIn(cli.fix);
      assert.ok(commands.includes('systemctl --user enable --now podman.socket'), cli.fix);
      // No systemd runs in this container: the user starts what podman.socket would (podman.service's ExecStart).
      await onHost('mkdir -p "$XDG_RUNTIME_DIR/podman" && nohup podman system service --time=0 "unix://$XDG_RUNTIME_DIR/podman/podman.sock" </dev/null >/dev/null 2>&1 &');
      const uid = (await onHost('id -u')).trim();
      const socket = `/run/user/${uid}/podman/podman.sock`;
      for (let waited = 0; !existsSync(socket); waited += 50) {
        assert.ok(waited < 20_000, `no ${socket}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // This machine's podman, with its own ssh: it reads $HOME/.ssh/known_hosts (the rig's host key) and the agent.
      const podmanHome = join(runTmp, 'podman-home');
      mkdirSync(join(podmanHome, '.ssh'), { recursive: true, mode: 0o700 });
      copyFileSync(rig.knownHostsFile, join(podmanHome, '.ssh', 'known_hosts'));
      const env = { ...rig.env, HOME: podmanHome };
      const add = commands.find((command) => command.startsWith('podman system connection add '));
      assert.ok(add, cli.fix);
      const added = await runProcess('/bin/sh', ['-c', add], { timeoutMs: 20_000, env });
      assert.equal(added.exitCode, 0, `${add}: ${added.stderr}`);
      const server = await runProcess('podman', ['--connection', rig.alias, 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000, env });
      assert.equal(server.stdout.trim(), '4.3.1', `${add}: ${server.stderr}`);
      // With the socket up, the shim's `docker system dial-stdio` (podman's) serves DOCKER_HOST=ssh:// too.
      const viaDocker = await runProcess('docker', ['-H', `ssh://${rig.alias}`, 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000, env: rig.env });
      assert.equal(viaDocker.stdout.trim(), '4.3.1', viaDocker.stderr);

      // The doctor again, in one session of its own (the round trip's ssh is docker's, the second login).
      const loginsBefore = acceptedLogins(rig);
      const fixed = await doctor('docker-host');
      assert.equal(acceptedLogins(rig), loginsBefore + 2, 'logins of one docker-host doctor: its session and the round trip');
      assert.deepEqual(fixed.checks.filter((entry) => entry.status !== 'pass' && entry.status !== 'warn').map((entry) => `${entry.id}:${entry.status}: ${entry.message}`), []);
      assert.equal(fixed.ok, true);
      assert.match(check(fixed, 'remote-docker-cli').message, new RegExp(`podman-docker's shim for Podman 4\\.3\\.1; .* reaches Podman's API service at ${socket}\\.$`));
      assert.match(check(fixed, 'remote-docker-engine').message, /^Podman 4\.3\.1 serves the Docker API at /);
      assert.match(check(fixed, 'docker-host-roundtrip').message, new RegExp(`^DOCKER_HOST=ssh://${rig.alias} reaches Podman 4\\.3\\.1\\.$`));
      // Remote-SSH stays docker-is-podman (see remoteDockerCliCheck): Container Tools there runs the shim,
      // whose answers its Docker client cannot read; the message says the service is up. Still one login.
      const remoteBefore = acceptedLogins(rig);
      const remote = await doctor('remote-ssh');
      assert.equal(acceptedLogins(rig), remoteBefore + 1, 'logins of one remote-ssh doctor');
      assert.equal(check(remote, 'remote-docker-cli').code, 'docker-is-podman');
      assert.match(check(remote, 'remote-docker-cli').message, new RegExp(`Podman's API service answers at ${socket}, but Container Tools`));
      assert.match(check(remote, 'remote-docker-cli').fix!, /containers\.containerClient/);
      // Its fix: Container Tools' Podman client, which runs podman on the host. With that setting (the
      // extension passes it from the window) the remote-ssh doctor passes, still in one login.
      const podmanBefore = acceptedLogins(rig);
      const podmanClient = await runDoctor({ target: rig.alias, path: 'remote-ssh', configFile: rig.configFile, env: { ...rig.env, TMPDIR: runTmp }, timeoutMs: 20_000, containerClient: 'com.microsoft.visualstudio.containers.podman' });
      assert.equal(acceptedLogins(rig), podmanBefore + 1, 'logins of one remote-ssh doctor');
      assert.deepEqual(failures(podmanClient), []);
      assert.equal(podmanClient.ok, true);
      assert.match(check(podmanClient, 'remote-docker-cli').message, /^Container Tools uses its Podman client \(containers\.containerClient\), and podman 4\.3\.1 is at \/usr\/bin\/podman on the host/);
      assert.match(check(podmanClient, 'remote-docker-engine').message, /^Podman 4\.3\.1 answers `podman version` on the host/);
      // The Docker client (the default) is still told the truth.
      const dockerClient = await runDoctor({ target: rig.alias, path: 'remote-ssh', configFile: rig.configFile, env: { ...rig.env, TMPDIR: runTmp }, timeoutMs: 20_000, containerClient: 'com.microsoft.visualstudio.containers.docker' });
      assert.equal(check(dockerClient, 'remote-docker-cli').code, 'docker-is-podman');
    });
  });
  it('the CLI\'s --container-client: real podman is docker-is-podman without it, passes with podman; a bad value exits 2 and reaches nothing', async () => {
    await withFaults(['docker-podman-real'], async () => {
      const env = { ...rig.env, TMPDIR: runTmp };
      const doctorArgs = ['doctor', rig.alias, '--config', rig.configFile, '--timeout', '20', '--json'];
      const plain = await runCli(doctorArgs, env);
      assert.equal(plain.code, 1, plain.stderr);
      const plainReport = JSON.parse(plain.stdout) as DoctorReport;
      assert.equal(check(plainReport, 'remote-docker-cli').code, 'docker-is-podman', failures(plainReport).join('\n'));
      assert.equal((await runCli([...doctorArgs, '--container-client', 'docker'], env)).code, 1, 'docker is the default client');

      const podman = await runCli([...doctorArgs, '--container-client', 'podman'], env);
      const podmanReport = JSON.parse(podman.stdout) as DoctorReport;
      assert.deepEqual(failures(podmanReport), []);
      assert.equal(podman.code, 0, podman.stderr);
      assert.match(check(podmanReport, 'remote-docker-cli').message, /^Container Tools uses its Podman client \(containers\.containerClient\), and podman 4\.3\.1 is at /);

      const loginsBefore = acceptedLogins(rig);
      const bad = await runCli(['doctor', rig.alias, '--config', rig.configFile, '--container-client', 'podmn'], env);
      assert.equal(bad.code, 2);
      assert.equal(bad.stdout, '');
      assert.match(bad.stderr, /--container-client must be docker or podman, not "podmn"/);
      const wrongPath = await runCli(['doctor', rig.alias, '--config', rig.configFile, '--path', 'docker-host', '--container-client', 'podman'], env);
      assert.equal(wrongPath.code, 2);
      assert.match(wrongPath.stderr, /--container-client applies to --path remote-ssh only/);
      assert.equal(acceptedLogins(rig), loginsBefore, 'bad input reached the host');
    });
  });
  it('real podman whose API socket accepts and never answers: docker-is-podman once the probe\'s bound on `podman --remote version` ends it, before the doctor\'s own time limit', async () => {
    await withFaults(['docker-podman-real'], async () => {
      const uid = Number((await onHost('id -u')).trim());
      const folder = `/run/user/${uid}/podman`;
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      chownSync(folder, uid, -1);
      const socketPath = `${folder}/podman.sock`;
      // A service that hangs: it takes every connection and never says a word.
      const held: Socket[] = [];
      const silent = createServer((connection) => {
        held.push(connection);
      });
      await new Promise<void>((resolve, reject) => silent.once('error', reject).listen(socketPath, resolve));
      try {
        chownSync(socketPath, uid, -1);
        const limitMs = 20_000;
        for (const path of ['remote-ssh', 'docker-host'] as const) {
          const accepted = held.length;
          const report = await runDoctor({ target: rig.alias, path, configFile: rig.configFile, env: { ...rig.env, TMPDIR: runTmp }, timeoutMs: limitMs });
          assert.ok(held.length > accepted, 'podman --remote never connected to the silent socket');
          const cli = check(report, 'remote-docker-cli');
          assert.equal(cli.code, 'docker-is-podman', `${path}: ${failures(report).join('\n')}`);
          assert.match(cli.message, new RegExp(`Podman's API socket ${socketPath} is there, but no service answered on it\\.$`));
          assert.ok(report.totalMs < limitMs, `${path}: the doctor ran into its own time limit (${Math.round(report.totalMs)} ms)`);
        }
      } finally {
        for (const connection of held) connection.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
