import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProcess } from '../../src/core/runner';
import { runLoopbackOnly } from '../fixtures/netns/loopbackOnly';

// issue 11 part 6: the ssh that unit code spawns from PATH, and the helper's ssh, run in another
// network namespace whose only interface is lo. ssh itself reports it: a `Match exec` in the config runs
// inside ssh's namespace and records it.
describe('tests send nothing off the machine: ssh -G runs in a loopback-only network namespace', () => {
  let dir: string;
  before(async function () {
    if (process.getuid?.() !== 0) this.skip(); // unshare --net needs root, like the rig
    dir = await mkdtemp(path.join(os.tmpdir(), 'rds-netns-'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function namespaceSeenBySsh(run: (config: string) => Promise<unknown>): Promise<{ ns: string; links: string }> {
    const out = path.join(dir, `ns-${Math.random().toString(16).slice(2)}`);
    const config = path.join(dir, 'config');
    await writeFile(config, `Match exec "readlink /proc/self/ns/net > ${out}; ip -br link >> ${out}"\n  User x\n`);
    await run(config);
    const [ns, ...links] = (await readFile(out, 'utf8')).trim().split('\n');
    return { ns, links: links.map((line) => line.split(/\s+/)[0]).join(' ') };
  }

  it('the ssh on PATH of the unit layer (used by resolveHost, addHost) is wrapped', async () => {
    const seen = await namespaceSeenBySsh((config) => runProcess('ssh', ['-G', '-F', config, '--', 'probe'], { timeoutMs: 15_000 }));
    assert.notEqual(seen.ns, await readlink('/proc/self/ns/net'), 'ssh ran in the test\'s own network namespace');
    assert.equal(seen.links, 'lo');
  });

  it('runLoopbackOnly runs ssh in a fresh namespace with only lo', async () => {
    const seen = await namespaceSeenBySsh((config) => runLoopbackOnly('/usr/bin/ssh', ['-G', '-F', config, '--', 'probe'], { timeoutMs: 15_000 }));
    assert.notEqual(seen.ns, await readlink('/proc/self/ns/net'));
    assert.equal(seen.links, 'lo');
  });
});
