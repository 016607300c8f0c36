import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'jsonc-parser';
import { addRecommendations, detectFormatting, missingRecommendations } from '../../../src/core/workspace/extensionsJson';
import { BadInputError } from '../../../src/core/errors';

const fixture = readFileSync(new URL('../../fixtures/extensions-json/with-comments.jsonc', import.meta.url), 'utf8');
const ids = ['ms-vscode-remote.remote-ssh', 'ms-azuretools.vscode-containers'];

function recommendations(text: string): string[] {
  return (parse(text, [], { allowTrailingComma: true }) as { recommendations: string[] }).recommendations;
}

describe('addRecommendations', () => {
  it('keeps comments, trailing commas and indentation of the fixture', () => {
    const { text, added } = addRecommendations(fixture, ids);
    assert.deepEqual(added, ids);
    assert.ok(text.includes('// Recommended for everyone who opens this repository.'));
    assert.ok(text.includes('"dbaeumer.vscode-eslint", // linting'));
    assert.ok(text.includes('/* formatting */ "esbenp.prettier-vscode",'));
    assert.ok(text.includes('    "unwantedRecommendations": [],\n}'), 'the trailing comma after the last member stays');
    assert.ok(text.includes('\n        "ms-vscode-remote.remote-ssh",'), 'four-space indentation of the file is kept');
    assert.deepEqual(recommendations(text), ['dbaeumer.vscode-eslint', 'esbenp.prettier-vscode', ...ids]);
    // Everything before the insertion point is byte for byte the same.
    const prefix = fixture.slice(0, fixture.indexOf('"esbenp.prettier-vscode",') + '"esbenp.prettier-vscode",'.length);
    assert.ok(text.startsWith(prefix));
  });

  it('creates the file text when the file is missing or empty', () => {
    const { text, added } = addRecommendations(undefined, ids);
    assert.deepEqual(added, ids);
    assert.deepEqual(JSON.parse(text), { recommendations: ids });
    assert.ok(text.endsWith('\n'));
    assert.deepEqual(JSON.parse(addRecommendations('  \n', ids).text), { recommendations: ids });
  });

  it('adds the list to an object that has none', () => {
    const { text } = addRecommendations('{\n\t// mine\n\t"other": 1\n}\n', ids);
    assert.ok(text.includes('// mine'));
    assert.deepEqual(parse(text), { other: 1, recommendations: ids });
    assert.ok(text.includes('\t"recommendations"'), 'tabs stay tabs');
  });

  it('adds no id twice, case-insensitively, and is a no-op when all are there', () => {
    const once = addRecommendations(fixture, ids).text;
    const twice = addRecommendations(once, ids.map((id) => id.toUpperCase()));
    assert.deepEqual(twice.added, []);
    assert.equal(twice.text, once);
    assert.deepEqual(addRecommendations(fixture, [ids[0], ids[0]]).added, [ids[0]]);
  });

  it('respects unwantedRecommendations', () => {
    const text = '{ "recommendations": [], "unwantedRecommendations": ["ms-vscode-remote.remote-ssh"] }';
    const edit = addRecommendations(text, ids);
    assert.deepEqual(edit.added, ['ms-azuretools.vscode-containers']);
    assert.deepEqual(edit.unwanted, ['ms-vscode-remote.remote-ssh']);
  });

  it('refuses text it cannot read, and a recommendations value that is not a list', () => {
    assert.throws(() => addRecommendations('{ "recommendations": [ ', ids), BadInputError);
    assert.throws(() => addRecommendations('[]', ids), BadInputError);
    assert.throws(() => addRecommendations('{ "recommendations": "x.y" }', ids), BadInputError);
    assert.deepEqual(missingRecommendations('{ broken', ids), []);
  });

  it('keeps CRLF line ends', () => {
    const crlf = fixture.replace(/\n/g, '\r\n');
    const { text } = addRecommendations(crlf, ids);
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false);
    assert.equal(detectFormatting(crlf).eol, '\r\n');
  });

  it('always yields parseable JSON with each id once and the old ids kept (property)', () => {
    const id = fc.stringMatching(/^[a-z]{1,5}\.[a-z]{1,5}$/);
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 5 }), fc.array(id, { maxLength: 4 }), fc.boolean(), (existing, toAdd, trailingComma) => {
        const body = existing.map((e) => `    "${e}"`).join(',\n') + (trailingComma && existing.length > 0 ? ',' : '');
        const before = `{\n  // comment\n  "recommendations": [\n${body}\n  ]\n}\n`;
        const { text } = addRecommendations(before, toAdd);
        const after = recommendations(text);
        assert.equal(new Set(after).size, after.length);
        assert.deepEqual(after.slice(0, existing.length), existing);
        for (const a of toAdd) {
          assert.ok(after.includes(a));
        }
        assert.ok(text.includes('// comment'));
      }),
    );
  });
});
