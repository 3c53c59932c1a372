import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ReplayGateway, runClass, startReplayGateway } from './replay.js';
import { TRAFFIC_CLASSES } from './traffic-classes.js';

// Honest traffic of several kinds (every shipped suite among them) through the real gateway at
// the default thresholds: no run may be flagged.
describe('traffic replay, honest classes: nothing is flagged', () => {
  let gw: ReplayGateway;
  before(async () => {
    gw = await startReplayGateway();
  });
  after(() => gw.close());

  for (const cls of TRAFFIC_CLASSES.filter((c) => c.kind === 'honest')) {
    it(cls.name, async () => {
      const run = await runClass(gw, cls, 1, { concurrency: 8 });
      assert.equal(run.flagged, false, `flagged by ${run.signals.join(', ')}`);
      assert.equal(run.refused, 0, 'no honest call was refused');
      // and not by a hair: every signal stays well under its threshold
      for (const c of run.closest) assert.ok(c.ratio < 0.8, `${c.signal} reached ${c.ratio.toFixed(2)} of its threshold`);
    });
  }
});
