import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileMistakes } from '../core/mistakes.js';
import { checkRecords, readItemFiles, textField } from './item-records.js';

const check = (f: Record<string, unknown>, bad: (field: string, message: string) => void) => ({ id: String(f.id), text: textField(f, 'text', bad) });
const mistakesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof FileMistakes, `not a FileMistakes: ${String(err)}`);
    return err.message.split('\n');
  }
  return assert.fail('the records were accepted');
};

test('checkRecords: ids present, plain and used once; every mistake with its file, line and field', () => {
  const records = [
    { fields: { id: 'a', text: 'x' }, line: 1 },
    { fields: { id: 'a', text: 'y' }, line: 2 },
    { fields: { text: 'z' }, line: 3 },
    { fields: { id: 'has space', text: 'z' }, line: 4 },
    { fields: { id: 'b', text: '  ' }, line: 5 },
  ];
  assert.deepEqual(mistakesOf(() => checkRecords(records, (i) => (i < 2 ? 'one.jsonl' : 'two.jsonl'), check)), [
    'one.jsonl:2: id: "a" is used twice',
    'two.jsonl:3: id: missing or not a plain name (letters, digits, . _ : -)',
    'two.jsonl:4: id: missing or not a plain name (letters, digits, . _ : -)',
    'two.jsonl:5: text: missing',
  ]);
  assert.deepEqual(checkRecords(records.slice(0, 1), () => 'f', check), [{ id: 'a', text: 'x' }]);
});

test('checkRecords stops at 50 mistakes in a file broken throughout', () => {
  const records = Array.from({ length: 120 }, (_, i) => ({ fields: { id: `i${i}` }, line: i + 1 }));
  const lines = mistakesOf(() => checkRecords(records, () => 'f.jsonl', check));
  assert.equal(lines.length, 50);
  assert.equal(lines[49], 'f.jsonl:50: text: missing');
});

test('readItemFiles reads a shipped suite\'s JSONL with each record\'s file and line', () => {
  const { records, fileOf, raw } = readItemFiles('over-refusal', ['prompts.jsonl']);
  assert.ok(records.length >= 200);
  assert.equal(records[0].line, 1);
  assert.equal(fileOf(records.length - 1), 'prompts.jsonl');
  assert.equal(raw.split('\n').filter((l) => l.trim()).length, records.length);
});
