import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ReplayGateway, runClass, startReplayGateway } from './replay.js';
import { TRAFFIC_CLASSES } from './traffic-classes.js';

/**
 * Each kind of abuse through the real gateway: it must be flagged, by a signal that names it.
 * To keep the suite quick, the classes whose detection rests on volume run at a third of their
 * size against a gateway whose volume thresholds are a third of the defaults (set in
 * gateway.yaml's monitor section, which this also checks is read); `npm run replay:monitor`
 * runs every class at full size against the defaults.
 */
const SCALE = 1 / 3;
const SCALED = `  thresholds: { templateSweepPrompts: 33, offPlanDailyRequests: 100, offPlanDailyTokens: 100000, offPlanTotalRequests: 334, offPlanTotalTokens: 334000 }`;

describe('traffic replay, abusive classes: each is caught by the signal that names it', () => {
  let gw: ReplayGateway;
  before(async () => {
    gw = await startReplayGateway(SCALED);
  });
  after(() => gw.close());

  for (const cls of TRAFFIC_CLASSES.filter((c) => c.kind === 'abusive')) {
    it(cls.name, async () => {
      const run = await runClass(gw, cls, 1, { concurrency: 8, scale: SCALE });
      assert.equal(run.flagged, true, 'not flagged');
      assert.equal(run.expectedFired, true, `raised ${run.signals.join(', ')}, none of ${cls.expect!.join(', ')}`);
    });
  }
});
