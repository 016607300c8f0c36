import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { failureCodes } from '../../../src/core/doctor/failureCodes';

/** The codes in the first column of README's troubleshooting table. */
function tableCodes(): string[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Troubleshooting\n'));
  assert.ok(section.length > 0, 'README has a Troubleshooting section');
  const table = section.slice(0, section.indexOf('\n## ', 1));
  return [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1]);
}

describe('README troubleshooting table', () => {
  it('has one row for every failure code, and none for a code that does not exist', () => {
    const rows = tableCodes();
    assert.deepEqual(rows.filter((code, index) => rows.indexOf(code) !== index), [], 'no code twice');
    assert.deepEqual(failureCodes.filter((code) => !rows.includes(code)), [], 'codes without a row');
    assert.deepEqual(rows.filter((code) => !(failureCodes as readonly string[]).includes(code)), [], 'rows without a code');
  });
});
