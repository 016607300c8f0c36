// `npm run test:vscode:generations`: the configureDockerHost suite once per Docker extension
// generation. Each run is a fresh editor whose extensions folder holds exactly one manifest-only
// fixture (test/fixtures/extensions/<name>): two generations cannot be installed side by side, since
// 1.22 and 1.29 share the id ms-azuretools.vscode-docker. A fourth run has no Docker extension (the plain
// `npm run test:vscode` run covers that case too, without the declarer).
// Then the real extensions (test/generations/realDockerExtensions.test.ts): Container Tools 2.4.5 on
// code-server 4.105.1, Docker 1.29.3 and 1.22.2 on 4.100.3, each listing the rig's container after the write.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// '' = no Docker extension. Every run also installs docker-settings-declarer, which declares all the
// generations' keys, so VS Code would accept any write and only the product's own choice keeps a key unwritten.
const fixtures = ['containers-2.0', 'docker-1.29', 'docker-1.22', ''];
const declarer = path.join(repoRoot, 'test/fixtures/extensions/docker-settings-declarer');

let failed = 0;
for (const fixture of fixtures) {
  console.log(`[test:vscode:generations] ${fixture || 'no Docker extension'}, every key declared`);
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'test/vscode/runVscodeTests.ts'),
      ...(fixture ? ['--extension', path.join(repoRoot, 'test/fixtures/extensions', fixture), '--env', `RDS_DOCKER_FIXTURE=${fixture}`] : []),
      '--extension',
      declarer,
      '--env',
      'RDS_DOCKER_SETTINGS_DECLARED=1',
      '--grep',
      'configureDockerHost',
    ],
    { cwd: repoRoot, stdio: 'inherit' },
  );
  if (run.status !== 0) {
    failed++;
    console.error(`[test:vscode:generations] ${fixture || 'no Docker extension'} FAILED (exit ${run.status ?? run.signal})`);
  }
}
// The Docker Hosts view's workspace engine needs a declared DOCKER_HOST setting: Container Tools' manifest.
console.log('[test:vscode:generations] Docker Hosts view with containers-2.0');
const hostsRun = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    path.join(repoRoot, 'test/vscode/runVscodeTests.ts'),
    '--extension',
    path.join(repoRoot, 'test/fixtures/extensions/containers-2.0'),
    '--env',
    'RDS_DOCKER_FIXTURE=containers-2.0',
    '--grep',
    'Docker Hosts view',
  ],
  { cwd: repoRoot, stdio: 'inherit' },
);
if (hostsRun.status !== 0) {
  failed++;
  console.error(`[test:vscode:generations] Docker Hosts view FAILED (exit ${hostsRun.status ?? hostsRun.signal})`);
}
console.log('[test:vscode:generations] the real Docker extensions from ../shared/vendor/docker-extensions');
const real = spawnSync(
  path.join(repoRoot, 'node_modules/.bin/mocha'),
  // The e2e layer's setup (code-server installed, the VSIX packaged), not its spec list.
  ['--no-config', '--node-option', 'import=tsx', '--extension', 'ts', '--require', 'test/e2e/globalSetup.ts', '--timeout', '300000', 'test/generations/realDockerExtensions.test.ts'],
  { cwd: repoRoot, stdio: 'inherit' },
);
const runs = fixtures.length + 2;
if (real.status !== 0) {
  failed++;
  console.error(`[test:vscode:generations] the real Docker extensions FAILED (exit ${real.status ?? real.signal})`);
}
console.log(`[test:vscode:generations] ${runs - failed}/${runs} runs passed (${fixtures.length} fixture generations, the Docker Hosts view, then the real extensions)`);
process.exit(failed === 0 ? 0 : 1);
