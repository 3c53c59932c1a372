import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newRequestId } from './request-id.js';

const millis = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

test('request ids are UUIDv7s that sort by the millisecond they were made, none repeated', async () => {
  const ids: string[] = [];
  const started = Date.now();
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 2000; i++) ids.push(newRequestId()); // thousands within one millisecond, more than the random pool holds
    await new Promise((r) => setTimeout(r, 2));
  }
  const ended = Date.now();
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  for (let i = 1; i < ids.length; i++) {
    assert.ok(millis(ids[i]) >= millis(ids[i - 1]));
    if (millis(ids[i]) > millis(ids[i - 1])) assert.ok(ids[i] > ids[i - 1], `${ids[i]} sorts after ${ids[i - 1]}`);
  }
  assert.ok(millis(ids[0]) >= started && millis(ids.at(-1)!) <= ended);
  assert.ok(new Set(ids.map(millis)).size >= 5, 'made across several milliseconds');
  assert.equal(new Set(ids).size, ids.length);
});
