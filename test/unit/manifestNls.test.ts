import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestStrings } from '../../tools/manifestStrings.mjs';

// The manifest is localizable: VS Code resolves `%key%` in package.json from package.nls.json
// (package.nls.<lang>.json for a translation), and vscode.l10n.t from l10n/bundle.l10n.json.
const root = join(import.meta.dirname, '..', '..');
const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as { l10n?: string };
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const usedKeys = [...manifestText.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]);

describe('localization: package.nls.json and l10n/bundle.l10n.json', () => {
  it('leaves no user-facing string of package.json inline (run npm run l10n:manifest)', () => {
    const inline = manifestStrings(manifest).filter((entry) => !/^%[^%]+%$/.test(entry.get())).map((entry) => entry.key);
    assert.deepEqual(inline, []);
  });

  it('gives each user-facing string the key its place predicts', () => {
    const misnamed = manifestStrings(manifest).filter((entry) => entry.get() !== `%${entry.key}%`).map((entry) => `${entry.key}: ${entry.get()}`);
    assert.deepEqual(misnamed, []);
  });

  it('has a text for every %key% in package.json', () => {
    assert.deepEqual(usedKeys.filter((key) => !Object.hasOwn(nls, key)), []);
  });

  it('has no key in package.nls.json that package.json does not use', () => {
    const used = new Set(usedKeys);
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), []);
    assert.ok(Object.values(nls).every((text) => typeof text === 'string' && text.trim().length > 0), 'every text is non-empty');
  });

  it('points "l10n" at ./l10n, whose bundle is what @vscode/l10n-dev exports from src now (run npm run l10n:export)', function () {
    this.timeout(60_000);
    assert.equal(manifest.l10n, './l10n');
    const outDir = mkdtempSync(join(tmpdir(), 'rds-l10n-'));
    try {
      execFileSync(join(root, 'node_modules/.bin/vscode-l10n-dev'), ['export', '--outDir', outDir, join(root, 'src')], { cwd: root, stdio: 'pipe' });
      const fresh = JSON.parse(readFileSync(join(outDir, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      const committed = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      assert.deepEqual(Object.keys(committed).filter((key) => !Object.hasOwn(fresh, key)), [], 'keys in the bundle that no vscode.l10n.t uses');
      assert.deepEqual(Object.keys(fresh).filter((key) => !Object.hasOwn(committed, key)), [], 'vscode.l10n.t strings missing from the bundle');
      assert.ok(Object.keys(fresh).length > 100, `only ${Object.keys(fresh).length} strings exported: is src/vscode still using vscode.l10n.t?`);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
