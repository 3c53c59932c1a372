/**
 * The traffic replay as a command: every traffic class through the real gateway, `--runs N`
 * times each (different seeds), then a table of what the monitor flagged per class and the
 * precision and recall over all runs (abusive = positive).
 *
 *   npm run replay:monitor -- [--runs 3] [--only SUBSTRING]
 */
import { parseArgs } from 'node:util';
import { type ClassRun, runClass, score, startReplayGateway } from './replay.js';
import { TRAFFIC_CLASSES } from './traffic-classes.js';

const { values } = parseArgs({ options: { runs: { type: 'string' }, only: { type: 'string' } } });
const runsPerClass = Number(values.runs ?? 3);
const classes = TRAFFIC_CLASSES.filter((c) => !values.only || c.name.includes(values.only));

const gw = await startReplayGateway();
const started = Date.now();
const runs: ClassRun[] = [];
try {
  for (const cls of classes) {
    for (let seed = 1; seed <= runsPerClass; seed++) runs.push(await runClass(gw, cls, seed));
    process.stderr.write(`  ${cls.name}: done\n`);
  }
} finally {
  await gw.close();
}

const s = score(runs);
const rows = s.classes.map((c) => [
  c.kind,
  c.name,
  `${c.flagged}/${c.runs}`,
  c.kind === 'abusive' ? `${c.expectedFired}/${c.runs}` : '',
  c.medianCallsToAlert === undefined ? '' : String(c.medianCallsToAlert),
  c.signals.join(', ') || '-',
]);
const head = ['kind', 'traffic class', 'flagged', 'named by', 'calls to alert', 'signals raised'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log([line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
console.log(
  `\nmonitor replay: ${runs.length} runs (${runsPerClass} per class, ${runs.reduce((n, r) => n + r.calls, 0)} calls, ${((Date.now() - started) / 1000).toFixed(0)} s): ` +
    `precision ${s.precision.toFixed(3)} (${s.falsePositives} honest runs flagged), recall ${s.recall.toFixed(3)} (${s.falseNegatives} abusive runs missed)`,
);
