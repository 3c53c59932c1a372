import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readability } from './language.js';

test('English answers, short ones and ones quoting a foreign title, are readable', () => {
  for (const text of ['Triton.', '1989', 'The lead in Il silenzio delle saline was played by a newcomer.', 'Juan Sebastián del Cano.', "It's Canberra, I think."]) {
    assert.equal(readability(text).readable, true, text);
  }
});

test('answers in another language or script are not, and the reason names the script', () => {
  for (const text of ["Je ne sais pas, c'est une bonne question.", 'Das ist nicht bekannt.', 'No lo sé, son muchas opciones.', 'Non lo so con certezza, è una domanda difficile.']) {
    const r = readability(text);
    assert.equal(r.readable, false, text);
    assert.match(r.reason ?? '', /not to be in English/);
  }
  assert.match(readability('Столица Австралии — Канберра.').reason ?? '', /Cyrillic/);
  assert.match(readability('首都はキャンベラです。').reason ?? '', /non-Latin script/);
});
