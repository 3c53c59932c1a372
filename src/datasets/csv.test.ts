import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, csvField, formatCsv, parseCsv, parseCsvRecords } from './csv.js';

test('plain fields, LF and CRLF record ends, no record for a trailing line break', () => {
  assert.deepEqual(parseCsv('a,b\n1,2\r\n3,4\n'), [['a', 'b'], ['1', '2'], ['3', '4']]);
  assert.deepEqual(parseCsv('a,b\n1,2'), [['a', 'b'], ['1', '2']]);
});

test('quoted fields hold commas, doubled quotes and line breaks', () => {
  const text = 'id,completion\n1,"Sure, here it is:\n1. ""step one""\r\n2. done"\n2,"no"\n';
  assert.deepEqual(parseCsv(text), [
    ['id', 'completion'],
    ['1', 'Sure, here it is:\n1. "step one"\r\n2. done'],
    ['2', 'no'],
  ]);
});

test('empty fields, an empty quoted field and a byte-order mark', () => {
  assert.deepEqual(parseCsv('\uFEFFa,b,c\n,"",x\n'), [['a', 'b', 'c'], ['', '', 'x']]);
});

test('malformed CSV is an error naming the line, never a silent mis-split', () => {
  assert.throws(() => parseCsv('a,b\n1,"unterminated\n'), (e: unknown) => e instanceof CsvError && /unterminated/.test(e.message) && e.line === 2);
  assert.throws(() => parseCsv('a,b\n1,x"y\n'), /quote inside an unquoted field \(line 2\)/);
  assert.throws(() => parseCsv('a,b\n1,"x"y\n'), /after a closing quote/);
  assert.throws(() => parseCsvRecords('a,b\n1,2,3\n'), /data row 1 has 3 fields, the header has 2/);
});

test('records are keyed by the header', () => {
  assert.deepEqual(parseCsvRecords('prompt,completion\n"hi, there",hello\n').records, [{ prompt: 'hi, there', completion: 'hello' }]);
});

test('writing quotes only what needs it, and round-trips', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  const rows = [['h1', 'h2'], ['x, y', 'He said "no".\nThen left.'], ['', ' padded ']];
  assert.deepEqual(parseCsv(formatCsv(rows)), rows);
});
