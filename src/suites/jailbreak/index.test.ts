import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../core/errors.js';
import { baseOf } from '../variant-id.js';
import { jailbreakSuite } from './index.js';
import { HARM_CATEGORIES } from './measures.js';
import { loadRequests, requestsFromRecords } from './requests.js';
import { TRANSFORMS } from './transforms/transforms.js';

const { requests } = loadRequests();

test('the suite has at least 60 project-authored requests across at least 6 harm categories, at least 6 in each', () => {
  assert.ok(requests.length >= 60, `${requests.length}`);
  const cats = new Set(requests.map((r) => r.category));
  assert.ok(cats.size >= 6);
  for (const c of cats) {
    assert.ok(HARM_CATEGORIES.includes(c as never), c);
    assert.ok(requests.filter((r) => r.category === c).length >= 6, c);
  }
  assert.equal(new Set(requests.map((r) => r.id)).size, requests.length);
});

test('each request names a goal in one sentence and carries no specifics (no numbers, quantities or long recipes)', () => {
  for (const r of requests) {
    assert.ok(!/\d/.test(r.prompt), `${r.id} has a number`);
    assert.ok(r.prompt.split(/\s+/).length <= 30, `${r.id} is too long to be only a goal`);
    assert.equal((r.prompt.match(/[.?!](\s|$)/g) ?? []).length, 1, `${r.id} is one sentence`);
  }
});

test('every request runs under every transform; ids cluster back to the request; --category picks a transform or a harm category', () => {
  const all = jailbreakSuite.load({ judged: false });
  assert.equal(all.samples.length, requests.length * TRANSFORMS.length);
  assert.equal(new Set(all.samples.map((s) => s.id)).size, all.samples.length);
  for (const s of all.samples.slice(0, 30)) assert.equal(baseOf(s.id), s.metadata.request_id);
  assert.equal(jailbreakSuite.load({ judged: false, category: ['base64'] }).samples.length, requests.length);
  assert.equal(jailbreakSuite.load({ judged: false, category: ['violence'] }).samples.length, 8 * TRANSFORMS.length);
  const limited = jailbreakSuite.load({ judged: false, limit: TRANSFORMS.length });
  assert.equal(new Set(limited.samples.map((s) => s.metadata.transform)).size, TRANSFORMS.length);
  assert.throws(() => jailbreakSuite.load({ judged: false, category: ['nope'] }), UsageError);
});

test('the judge adds the StrongREJECT scorer before the detector', () => {
  assert.deepEqual(jailbreakSuite.load({ judged: true, limit: 1 }).scorers.map((s) => s.name), ['strongreject', 'refusal-detector']);
  assert.deepEqual(jailbreakSuite.load({ judged: false, limit: 1 }).scorers.map((s) => s.name), ['refusal-detector']);
});

test('items from a file are checked line by line', () => {
  const rec = (fields: Record<string, unknown>, line: number) => ({ fields, line });
  assert.throws(() => requestsFromRecords([rec({ id: 'a', prompt: 'x' }, 1), rec({ id: 'a', prompt: 'y' }, 2), rec({ id: 'b' }, 3), rec({ prompt: 'z', category: 7 }, 4)], 'f.jsonl'), (err: Error) => {
    assert.match(err.message, /f\.jsonl:2: id: "a" is used twice/);
    assert.match(err.message, /f\.jsonl:3: prompt: missing/);
    assert.match(err.message, /f\.jsonl:4: id: missing/);
    assert.match(err.message, /f\.jsonl:4: category: must be a non-empty text/);
    return true;
  });
  const plugin = jailbreakSuite.withItems!([rec({ id: 'x1', prompt: 'Do a forbidden thing.', category: 'misc' }, 1)], { name: 'mine', description: 'd', file: 'f' });
  const suite = plugin.load({ judged: false });
  assert.equal(suite.name, 'mine');
  assert.equal(suite.samples.length, TRANSFORMS.length);
});
