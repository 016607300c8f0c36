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

  async function strictFor(lines: string[]): Promise<boolean> {
    const file = join(dir, `config-${Math.random().toString(36).slice(2)}`);
    writeFileSync(file, `Host box\n  HostName 127.0.0.1\n${lines.map((line) => `  ${line}\n`).join('')}`);
    const { config } = await readEffectiveSshConfig({ kind: 'alias', alias: 'box' }, file, { timeoutMs: 10_000 });
    assert.ok(config, 'ssh -G read the config');
    return dockerSshIsStrict(config);
  }

  it('overlaps only under StrictHostKeyChecking yes', async () => {
    assert.equal(await strictFor(['StrictHostKeyChecking yes']), true);
    assert.equal(await strictFor(['StrictHostKeyChecking yes', 'UpdateHostKeys yes']), true);
  });

  it('waits for ask (the default: it could prompt on a terminal), accept-new, no and off', async () => {
    assert.equal(await strictFor([]), false);
    for (const value of ['ask', 'accept-new', 'no', 'off']) assert.equal(await strictFor([`StrictHostKeyChecking ${value}`]), false, value);
  });

  it('waits when keys may come from DNS or a hop reads its own settings', async () => {
    assert.equal(await strictFor(['StrictHostKeyChecking yes', 'VerifyHostKeyDNS yes']), false);
    assert.equal(await strictFor(['StrictHostKeyChecking yes', 'ProxyJump jump']), false);
    assert.equal(await strictFor(['StrictHostKeyChecking yes', 'ProxyCommand ssh -W %h:%p jump']), false);
  });

  it('waits when ssh -G gave nothing', () => {
    assert.equal(dockerSshIsStrict(undefined), false);
  });

  it('sees the login from the first line of our session, not from a partial one', () => {
    assert.equal(sessionLoggedIn(''), false);
    assert.equal(sessionLoggedIn('rds-probe:start\n'), true);
    assert.equal(sessionLoggedIn('Welcome!\nrds-probe:start\nrds-probe:user:me\n'), true);
    assert.equal(sessionLoggedIn('rds-probe:started-by-someone\n'), false);
  });
});
