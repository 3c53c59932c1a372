import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mistakesOf } from '../testing/mistakes-of.js';
import { harmbenchImporter } from './index.js';

const DIR = '/work/shared/datasets/harmbench';
const HEADER = 'Behavior,FunctionalCategory,SemanticCategory,Tags,ContextString,BehaviorID';
const convert = (text: string) => harmbenchImporter.convert(text, 'hb.csv', { name: 'hb' });

for (const [split, standard, contextual, copyright] of [['all', 200, 100, 100], ['test', 159, 81, 80], ['val', 41, 19, 20]] as const) {
  const file = `${DIR}/harmbench_behaviors_text_${split}.csv`;
  test(`the real HarmBench ${split} file: ${standard} standard and ${contextual} contextual behaviours kept, ${copyright} copyright left out`, { skip: !existsSync(file) && 'shared HarmBench file absent' }, () => {
    const { suite, items } = harmbenchImporter.convert(readFileSync(file, 'utf8'), file, { name: 'harmbench' });
    assert.equal(items.length, standard + contextual);
    assert.equal(items.filter((i) => i.source === 'HarmBench (contextual)').length, contextual);
    assert.match(String(suite.description), new RegExp(`${copyright} copyright behaviours left out`));
    assert.ok(!items.some((i) => i.category === 'copyright'));
    assert.equal(new Set(items.map((i) => i.id)).size, items.length);
    const ctx = items.find((i) => i.source === 'HarmBench (contextual)')!;
    assert.match(String(ctx.prompt), /\n\n---\n\n/);
  });
}

test('a contextual behaviour is sent after its context; categories lose their underscores', () => {
  const { items } = convert(`${HEADER}\nSay X,standard,cybercrime_intrusion,,,say_x\n"Rewrite it","contextual",illegal,"","Some text, with a comma",rewrite_it\nLyrics,copyright,copyright,"lyrics, hash_check",,lyrics_1\n`);
  assert.deepEqual(items, [
    { id: 'say_x', category: 'cybercrime-intrusion', prompt: 'Say X', source: 'HarmBench (standard)' },
    { id: 'rewrite_it', category: 'illegal', prompt: 'Some text, with a comma\n\n---\n\nRewrite it', source: 'HarmBench (contextual)' },
  ]);
});

test('malformed files are mistakes naming the line and the field', () => {
  const mistakes = (text: string) => mistakesOf(convert, text);
  assert.equal(mistakes('Behavior,BehaviorID\nx,y\n'), [
    'hb.csv:1: FunctionalCategory: missing column (the header has Behavior, BehaviorID)',
    'hb.csv:1: SemanticCategory: missing column (the header has Behavior, BehaviorID)',
    'hb.csv:1: ContextString: missing column (the header has Behavior, BehaviorID)',
  ].join('\n'));
  assert.equal(mistakes(`${HEADER}\nA,standard,illegal,,,a\nB,weird,illegal,,,a\nC,contextual,illegal,,,c\n`), [
    'hb.csv:3: FunctionalCategory: "weird" is not one of standard, contextual, copyright',
    'hb.csv:3: BehaviorID: "a" is used twice',
    'hb.csv:4: ContextString: a contextual behaviour needs its context',
  ].join('\n'));
  assert.equal(mistakes(`${HEADER}\n,standard,illegal,,,a\n`), 'hb.csv:2: Behavior: empty');
  assert.equal(mistakes(`${HEADER}\nL,copyright,copyright,,,l\n`), 'hb.csv: no standard or contextual behaviours (1 copyright behaviours are left out)');
});
