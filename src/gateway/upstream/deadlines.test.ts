import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Deadlines } from './deadlines.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a call not ended within the limit expires (within a tick); ended calls never do', async () => {
  // The clock is the test's, so a slow machine only adds ticks, never changes what has expired.
  let now = 0;
  const d = new Deadlines(100, () => now); // ticks every 5 ms
  const expired: string[] = [];
  const slow = {}, quick = {}, later = {};
  d.start(slow, () => expired.push('slow'));
  d.start(quick, () => expired.push('quick'));
  now = 30;
  d.end(quick);
  d.start(later, () => expired.push('later'));
  now = 100;
  await sleep(20);
  assert.deepEqual(expired, ['slow'], 'only the call past its limit has expired');
  now = 129;
  await sleep(20);
  assert.deepEqual(expired, ['slow'], 'a call one millisecond in time is left alone');
  now = 130;
  await sleep(20);
  assert.deepEqual(expired, ['slow', 'later']);
  assert.equal(d.size, 0);
});

test('the sweep follows start order: a call still in time stops it, later ones are not visited early', async () => {
  let now = 0;
  const d = new Deadlines(1000, () => now);
  const expired: number[] = [];
  for (let i = 0; i < 5; i++) {
    now = i * 100;
    d.start({ i }, () => expired.push(i));
  }
  now = 1250; // the first three are past 1000 ms
  await sleep(80); // the 50 ms tick has run
  assert.deepEqual(expired, [0, 1, 2]);
  now = 5000;
  await sleep(80);
  assert.deepEqual(expired, [0, 1, 2, 3, 4]);
});
