import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  icon: string;
  l10n: string;
  categories: string[];
  extensionPack?: string[];
  extensionDependencies?: string[];
  contributes: {
    walkthroughs: { steps: { media: { image: Record<string, string> } }[] }[];
    viewsContainers?: Record<string, { icon?: string }[]>;
    views?: Record<string, { icon?: string }[]>;
  };
};

/** The files the editor reads at run time, derived from the manifest and the README it shows. */
function runTimeFiles(): string[] {
  const stepImages = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.flatMap((step) => Object.values(step.media.image)));
  // Images under docs/ are for the repository's README only and stay out of the VSIX.
  const readmeImages = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((file) => !file.startsWith('docs/'));
  const viewIcons = [...Object.values(manifest.contributes.viewsContainers ?? {}), ...Object.values(manifest.contributes.views ?? {})]
    .flat()
    .flatMap((entry) => (entry.icon ? [entry.icon] : []));
  // The part of the bundle loaded on first use (webpack.config.js: chunkFilename); `clean` leaves only the current ones.
  const chunksDir = join(root, 'dist/chunks');
  const lazyChunks = existsSync(chunksDir) ? readdirSync(chunksDir).filter((name) => name.endsWith('.js')).map((name) => `dist/chunks/${name}`) : [];
  const files = [manifest.main, ...lazyChunks, manifest.icon, `${manifest.l10n}/bundle.l10n.json`, ...stepImages, ...viewIcons, ...readmeImages, 'package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];
  return [...new Set(files.map((file) => file.replace(/^\.\//, '')))].sort();
}

describe('the manifest and the VSIX', () => {
  it('packs exactly the files read at run time (vsce ls)', function () {
    this.timeout(120_000);
    // vsce lists only files that exist: in a fresh clone the bundle is not built yet at this layer.
    if (!existsSync(join(root, manifest.main))) {
      execFileSync(join(root, 'node_modules/.bin/webpack'), ['--mode', 'production'], { cwd: root, stdio: 'ignore' });
    }
    const packed = execFileSync(join(root, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(packed, runTimeFiles());
  });

  it('uses only categories of the VS Code list, and none for languages', () => {
    const known = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization', 'Other'];
    assert.ok(manifest.categories.length > 0);
    for (const category of manifest.categories) assert.ok(known.includes(category), category);
    assert.ok(!manifest.categories.includes('Programming Languages'));
  });

  it('pulls in no other extension: the Install Remote-SSH step installs the right one for the editor', () => {
    // An extensionPack is silently skipped on Open VSX, and uninstalling a pack uninstalls its members.
    assert.equal(manifest.extensionPack, undefined);
    assert.equal(manifest.extensionDependencies, undefined);
  });
});
