import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/harness/paths.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The packaged extension `npm run package` writes. */
export const vsixPath = path.join(repoRoot, 'remote-docker-ssh.vsix');

/** Git-ignored; screenshots and logs that outlive a run go here. */
export const artifactsDir = path.join(repoRoot, 'artifacts');

/** The Remote-SSH stand-in fixture extension. */
export const remoteSshStandInPath = path.join(repoRoot, 'test/fixtures/extensions/remote-ssh-stand-in');
