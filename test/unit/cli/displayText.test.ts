import { strict as assert } from 'node:assert';
import { neutraliseControls } from '../../../src/core/displayText';

describe('neutraliseControls (issue 11 part 4)', () => {
  it('shows every terminal control and bidi character as a visible escape', () => {
    assert.equal(neutraliseControls('a\x1b]0;t\x07b\x1b[2J'), 'a\\x1b]0;t\\x07b\\x1b[2J');
    assert.equal(neutraliseControls('x\u009b31my'), 'x\\x9b31my');
    assert.equal(neutraliseControls('\u202etxt.exe\u2066\u2069\u200f'), '\\u202etxt.exe\\u2066\\u2069\\u200f');
    assert.equal(neutraliseControls('over\rwrite\x7f\x00'), 'over\\x0dwrite\\x7f\\x00');
    assert.equal(neutraliseControls('line\u2028break'), 'line\\u2028break');
  });
  it('keeps tab, line feed and ordinary text (also non-ASCII letters) unchanged', () => {
    const text = 'Docker Engine 27.5 answers at unix:///run/docker.sock\n\tfix: ssh-add ~/.ssh/id_ed25519 — café, 東京, שלום';
    assert.equal(neutraliseControls(text), text);
  });
});
