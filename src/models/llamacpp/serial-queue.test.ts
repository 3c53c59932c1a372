import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SerialQueue } from './serial-queue.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('SerialQueue', () => {
  it('runs one task at a time, in order, even when one fails', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, fail = false) => async () => {
      running++;
      assert.equal(running, 1);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([q.run(task('a')), q.run(task('b', true)), q.run(task('c'))]);
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  });

  it('drops a waiting task whose signal aborts, without letting the next one overtake', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const first = q.run(async () => { await tick(); await tick(); log.push('first'); });
    const ctrl = new AbortController();
    const dropped = q.run(async () => { log.push('dropped ran'); }, ctrl.signal);
    const third = q.run(async () => { log.push('third'); });
    ctrl.abort(new Error('gave up'));
    await assert.rejects(dropped, /gave up/);
    await Promise.all([first, third]);
    assert.deepEqual(log, ['first', 'third']);
  });
});
