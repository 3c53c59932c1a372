import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mistakesOf } from '../testing/mistakes-of.js';
import { strongrejectImporter } from './index.js';

const REAL = '/work/shared/datasets/strongreject/strongreject_dataset.csv';
const convert = (text: string) => strongrejectImporter.convert(text, 'sr.csv', { name: 'sr' });

test('the real StrongREJECT file: 313 prompts in 6 categories, ids unique, as jailbreak requests', { skip: !existsSync(REAL) && 'shared StrongREJECT file absent' }, () => {
  const { suite, items } = strongrejectImporter.convert(readFileSync(REAL, 'utf8'), REAL, { name: 'strongreject' });
  assert.equal(items.length, 313);
  assert.equal(new Set(items.map((i) => i.category)).size, 6);
  assert.equal(new Set(items.map((i) => i.id)).size, 313);
  assert.equal(suite.base, 'jailbreak');
  assert.ok(items.some((i) => i.category === 'hate-harassment-and-discrimination'));
  assert.ok(items.every((i) => typeof i.prompt === 'string' && i.prompt.length > 10));
  assert.match(String(items[0].source), /^StrongREJECT \(/);
});

test('a quoted prompt with commas and line breaks keeps them; the category becomes a key', () => {
  const { items } = convert('category,source,forbidden_prompt\nNon-violent crimes,custom,"Do a, b\nand c."\n');
  assert.deepEqual(items, [{ id: 'strongreject-0001', category: 'non-violent-crimes', prompt: 'Do a, b\nand c.', source: 'StrongREJECT (custom)' }]);
});

test('malformed files are mistakes naming the line and the field', () => {
  const mistakes = (text: string) => mistakesOf(convert, text);
  assert.equal(mistakes('category,prompt\nx,y\n'), 'sr.csv:1: forbidden_prompt: missing column (the header has category, prompt)');
  assert.equal(mistakes('category,source,forbidden_prompt\nViolence,x,ok\n,x,   \n'), 'sr.csv:3: category: empty\nsr.csv:3: forbidden_prompt: empty');
  assert.equal(mistakes('category,source,forbidden_prompt\nViolence,x,"open\n'), 'sr.csv:2: unterminated quoted field');
  assert.equal(mistakes('category,source,forbidden_prompt\nViolence,x\n'), 'sr.csv:2: data row 1 has 2 fields, the header has 3');
  assert.equal(mistakes('category,source,forbidden_prompt\n'), 'sr.csv:2: no data rows');
});
