// `npm run test:vscode:generations`: the configureDockerHost suite once per Docker extension
// generation. Each run is a fresh editor whose extensions folder holds exactly one manifest-only
// fixture (test/fixtures/extensions/<name>): two generations cannot be installed side by side, since
// 1.22 and 1.29 share the id ms-azuretools.vscode-docker. The plain `npm run test:vscode` run covers
// the fourth case, no Docker extension at all.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = ['containers-2.0', 'docker-1.29', 'docker-1.22'];

let failed = 0;
for (const fixture of fixtures) {
  console.log(`[test:vscode:generations] ${fixture}`);
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'test/vscode/runVscodeTests.ts'),
      '--extension',
      path.join(repoRoot, 'test/fixtures/extensions', fixture),
      '--env',
      `RDS_DOCKER_FIXTURE=${fixture}`,
      '--grep',
      'configureDockerHost',
    ],
    { cwd: repoRoot, stdio: 'inherit' },
  );
  if (run.status !== 0) {
    failed++;
    console.error(`[test:vscode:generations] ${fixture} FAILED (exit ${run.status ?? run.signal})`);
  }
}
console.log(`[test:vscode:generations] ${fixtures.length - failed}/${fixtures.length} generations passed`);
process.exit(failed === 0 ? 0 : 1);
