import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { startRigFromHost, type HostRig } from './support/rig';

const run = promisify(execFile);

// The extension runs its ssh and docker checks from this process. This proves a suite can give it a real
// server to talk to: the rig started from inside the extension host answers ssh and docker through ssh.
describe('the loopback rig, started from inside the extension host', function () {
  this.timeout(180_000);
  let hostRig: HostRig | undefined;

  before(async () => {
    hostRig = await startRigFromHost();
  });

  after(async () => {
    await hostRig?.stop();
  });

  it('answers `docker version` through `ssh -F <rig config> <alias>`', async () => {
    const { rig } = hostRig!;
    const { stdout } = await run('ssh', ['-F', rig.configFile, '--', rig.alias, 'docker', 'version', '--format', '{{.Server.Version}}'], {
      env: { ...process.env, ...rig.env },
      timeout: 60_000,
    });
    assert.match(stdout.trim(), /^\d+\.\d+/);
  });

  it('is gone after stop()', async () => {
    const { rig } = hostRig!;
    await hostRig!.stop();
    assert.equal(existsSync(rig.dockerSocket), false, `${rig.dockerSocket} still exists`);
    await assert.rejects(
      run('ssh', ['-F', rig.configFile, '-o', 'ConnectTimeout=5', '--', rig.alias, 'true'], { env: { ...process.env, ...rig.env }, timeout: 30_000 }),
    );
  });
});
