import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

/**
 * A command in a network namespace with no interface up: the package must build, install and run
 * without a registry. npm gets a private cache, so nothing comes from an earlier install either.
 */
function offline(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = repoRoot) {
  const result = spawnSync('unshare', ['--net', '--', command, ...args], { cwd, env, encoding: 'utf8', timeout: 180_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the npm package of the CLI (npm pack, npm install -g, npx), offline', function () {
  this.timeout(300_000);
  let temp: string;
  let tarball: string;
  let env: NodeJS.ProcessEnv;

  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'rds-tarball-'));
    env = {
      ...process.env,
      TMPDIR: temp,
      npm_config_cache: join(temp, 'npm-cache'),
      npm_config_update_notifier: 'false',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
    };
    // prepack builds dist/ first, so the tarball holds the bundle of the sources under test; webpack's
    // log comes first on stdout, then npm's JSON.
    const packed = offline('npm', ['pack', '--pack-destination', temp, '--json'], env);
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.lastIndexOf('[\n  {'))) as { filename: string; files: { path: string }[] }[];
    tarball = join(temp, info.filename);
    assert.deepEqual(info.files.map((file) => file.path).sort(), ['LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
  });

  after(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('npm install -g --prefix puts a working remote-docker-ssh on PATH, with no dependency to fetch', () => {
    const prefix = join(temp, 'prefix');
    const installed = offline('npm', ['install', '-g', '--offline', '--prefix', prefix, tarball], env);
    assert.equal(installed.code, 0, installed.stderr);
    const bin = join(prefix, 'bin');
    assert.ok(statSync(join(bin, 'remote-docker-ssh')).mode & 0o111, 'the bin link is executable');
    // Only our package: the bundle needs nothing from node_modules.
    assert.deepEqual(readdirSync(join(prefix, 'lib/node_modules')), ['remote-docker-ssh']);
    assert.deepEqual(readdirSync(join(prefix, 'lib/node_modules/remote-docker-ssh')).sort(), ['LICENSE', 'README.md', 'dist', 'package.json']);

    const onPath = { ...env, PATH: `${bin}:${process.env.PATH}` };
    // Through the shell, as a user types it: a bundle without `#!` would be a shell syntax error here.
    const versionRun = offline('sh', ['-c', 'remote-docker-ssh --version'], onPath, temp);
    assert.equal(versionRun.code, 0, versionRun.stderr);
    assert.equal(versionRun.stdout, `${version}\n`);

    const help = offline('sh', ['-c', 'remote-docker-ssh --help'], onPath, temp);
    assert.equal(help.code, 0, help.stderr);
    for (const command of ['doctor', 'trust-host', 'hosts list', 'hosts add', 'docker-host']) {
      assert.match(help.stdout, new RegExp(`^  ${command} +\\S`, 'm'), `--help lists ${command}`);
    }

    const missingConfig = join(temp, 'no-such-config');
    const list = offline('sh', ['-c', `remote-docker-ssh hosts list --config '${missingConfig}'`], onPath, temp);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.stdout.split('\n')[0], `No hosts: ${missingConfig} does not exist.`);

    const bad = offline('sh', ['-c', 'remote-docker-ssh doctor somehost --timeout'], onPath, temp);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--timeout needs a value/);
  });

  it('npx runs the CLI straight from the tarball', () => {
    const run = offline('npx', ['--yes', '--offline', '--package', tarball, '--', 'remote-docker-ssh', 'doctor', '--help'], env, temp);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: remote-docker-ssh doctor TARGET/);
    assert.match(run.stdout, /TARGET is a Host alias from the ssh config, or \[user@\]host\[:port\]/);
    assert.match(run.stdout, /^ {2}2 {2}bad input: nothing was changed$/m);
  });
});
