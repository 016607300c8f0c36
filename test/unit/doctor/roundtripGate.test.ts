import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerSshIsStrict, sessionLoggedIn } from '../../../src/core/doctor/roundtripGate';
import { readEffectiveSshConfig } from '../../../src/core/ssh/sshEffectiveConfig';

// ssh itself reads each config (`ssh -G`, in the unit layer's loopback-only namespace); the gate reads its answer.
describe('roundtripGate: may the docker round trip overlap our session?', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rds-gate-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function strictFor(lines: string[], platform: NodeJS.Platform = 'linux'): Promise<boolean> {
    const file = join(dir, `config-${Math.random().toString(36).slice(2)}`);
    writeFileSync(file, `Host box\n  HostName 127.0.0.1\n${lines.map((line) => `  ${line}\n`).join('')}`);
    const { config } = await readEffectiveSshConfig({ kind: 'alias', alias: 'box' }, file, { timeoutMs: 10_000 });
    assert.ok(config, 'ssh -G read the config');
    return dockerSshIsStrict(config, platform);
  }

  it('overlaps under StrictHostKeyChecking yes', async () => {
    assert.equal(await strictFor(['StrictHostKeyChecking yes']), true);
    assert.equal(await strictFor(['StrictHostKeyChecking yes', 'UpdateHostKeys yes']), true);
    assert.equal(await strictFor(['StrictHostKeyChecking yes'], 'win32'), true);
  });

  it('overlaps under ask, the default, on POSIX only (docker runs without a terminal there, so ssh has nobody to ask)', async () => {
    assert.equal(await strictFor([]), true);
    assert.equal(await strictFor(['StrictHostKeyChecking ask']), true);
    assert.equal(await strictFor(['StrictHostKeyChecking ask'], 'darwin'), true);
    assert.equal(await strictFor([], 'win32'), false);
    assert.equal(await strictFor(['StrictHostKeyChecking ask'], 'win32'), false);
  });

  it('waits for accept-new, no and off, which take keys by themselves', async () => {
    for (const value of ['accept-new', 'no', 'off']) assert.equal(await strictFor([`StrictHostKeyChecking ${value}`]), false, value);
  });

  it('waits when keys may come from DNS or a hop reads its own settings', async () => {
    assert.equal(await strictFor(['StrictHostKeyChecking yes', 'VerifyHostKeyDNS yes']), false);
    assert.equal(await strictFor(['StrictHostKeyChecking yes', 'ProxyJump jump']), false);
    assert.equal(await strictFor(['StrictHostKeyChecking yes', 'ProxyCommand ssh -W %h:%p jump']), false);
  });

  it('waits when ssh -G gave nothing', () => {
    assert.equal(dockerSshIsStrict(undefined, 'linux'), false);
  });

  it('sees the login from the first line of our session, not from a partial one', () => {
    assert.equal(sessionLoggedIn(''), false);
    assert.equal(sessionLoggedIn('rds-probe:start\n'), true);
    assert.equal(sessionLoggedIn('Welcome!\nrds-probe:start\nrds-probe:user:me\n'), true);
    assert.equal(sessionLoggedIn('rds-probe:started-by-someone\n'), false);
  });
});
