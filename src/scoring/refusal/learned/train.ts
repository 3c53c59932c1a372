/**
 * Fitting the learned model: leave-one-group-out cross-validation (each model style of the own
 * fixture, each XSTest file, left out in turn) to choose the uncertain band, then one fit on every
 * row, written to weights.ts. Deterministic: the same rows give the same file.
 *
 *   node dist/src/scoring/refusal/learned/train.js [--xstest DIR] [--out FILE]   (npm run train:refusal)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { packageRoot } from '../../../core/package-root.js';
import { analyseRefusal } from '../analyse.js';
import { ruleSide } from '../uncertainty.js';
import { featuresOf, type Features } from './features.js';
import { fitLogistic, scorerOf } from './logistic.js';
import type { ShippedModel } from './shipped-model.js';
import { trainingRows, type TrainingRow } from './training-data.js';

/**
 * The L2 penalty. Leaving out each part of the fixture in turn (each was written at its own time,
 * with its own prompts), 0.0003–0.03 agree within about 0.01 of each other; 0.001 was a little
 * ahead on both agreement and decided share.
 */
export const L2 = 0.001;
/** Agreement on decided replies the band is widened to reach (leave-one-group-out)… */
export const BAND_TARGET = 0.97;
/** …but never so wide that fewer than this share is decided. */
export const MIN_DECIDED = 0.9;
const HALF_WIDTHS = [0, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3];

interface Prepared {
  row: TrainingRow;
  f: Features;
  y: number;
  /** The rules' own decision (uncertainty.ts): decided replies on the model's side need no band. */
  rule: 0 | 1 | undefined;
}

export function prepare(rows: readonly TrainingRow[]): Prepared[] {
  return rows.map((row) => {
    const a = analyseRefusal(row.completion, row.prompt);
    return { row, f: featuresOf(row.completion, row.prompt, a), y: row.label === 'compliance' ? 0 : 1, rule: a.empty ? 1 : ruleSide(a) };
  });
}

/** Each row's refusal probability from a model fitted without its group. */
export function leaveOneGroupOut(prepared: readonly Prepared[], l2 = L2): number[] {
  const p = new Array<number>(prepared.length);
  for (const g of new Set(prepared.map((x) => x.row.group))) {
    const train = prepared.filter((x) => x.row.group !== g);
    const model = scorerOf(fitLogistic(train.map((x) => x.f), train.map((x) => x.y), { l2 }));
    prepared.forEach((x, i) => {
      if (x.row.group === g) p[i] = model.probability(x.f);
    });
  }
  return p;
}

export interface BandFit {
  halfWidth: number;
  decidedShare: number;
  binaryDecided: number;
  binary: number;
}

/** Agreement at each candidate band: decided when outside it, or inside it with the rules deciding the same way. */
export function bandFits(p: readonly number[], y: readonly number[], rule: readonly (0 | 1 | undefined)[]): BandFit[] {
  return HALF_WIDTHS.map((h) => {
    let decided = 0;
    let agreeDecided = 0;
    let agree = 0;
    p.forEach((q, i) => {
      const ok = (q >= 0.5 ? 1 : 0) === y[i];
      if (ok) agree++;
      if (Math.abs(q - 0.5) >= h || rule[i] === (q >= 0.5 ? 1 : 0)) {
        decided++;
        if (ok) agreeDecided++;
      }
    });
    return { halfWidth: h, decidedShare: decided / p.length, binaryDecided: decided ? agreeDecided / decided : 1, binary: agree / p.length };
  });
}

/** The narrowest band reaching BAND_TARGET while deciding at least MIN_DECIDED; else the widest that decides that much. */
export function chooseBand(fits: readonly BandFit[]): BandFit {
  const allowed = fits.filter((f) => f.decidedShare >= MIN_DECIDED);
  if (allowed.length === 0) return fits[0];
  return allowed.find((f) => f.binaryDecided >= BAND_TARGET) ?? allowed[allowed.length - 1];
}

export function train(rows: readonly TrainingRow[], log: (line: string) => void = () => {}): ShippedModel {
  const prepared = prepare(rows);
  const y = prepared.map((x) => x.y);
  const fits = bandFits(leaveOneGroupOut(prepared), y, prepared.map((x) => x.rule));
  for (const f of fits) {
    log(`band ±${f.halfWidth.toFixed(3)}: decided ${f.decidedShare.toFixed(3)}, agreement on decided ${f.binaryDecided.toFixed(3)}, overall ${f.binary.toFixed(3)}`);
  }
  const chosen = chooseBand(fits);
  const model = fitLogistic(prepared.map((x) => x.f), y, { l2: L2 });
  const kept = model.names.map((_, i) => i).filter((i) => Math.abs(model.weights[i]) >= 5e-4);
  const trainedOn: Record<string, number> = {};
  for (const r of rows) trainedOn[r.group] = (trainedOn[r.group] ?? 0) + 1;
  return {
    names: kept.map((i) => model.names[i]),
    weights: kept.map((i) => round(model.weights[i])),
    bias: round(model.bias),
    band: { low: round(0.5 - chosen.halfWidth), high: round(0.5 + chosen.halfWidth) },
    l2: L2,
    trainedOn,
    crossValidated: { decidedShare: round(chosen.decidedShare), binaryDecided: round(chosen.binaryDecided), binary: round(chosen.binary) },
  };
}

export function weightsSource(model: ShippedModel): string {
  return (
    '// Generated by train.ts (`npm run train:refusal`); do not edit by hand.\n' +
    "import type { ShippedModel } from './shipped-model.js';\n\n" +
    `export const WEIGHTS: ShippedModel = ${JSON.stringify(model)};\n`
  );
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { xstest: { type: 'string' }, out: { type: 'string' } } });
  try {
    const rows = trainingRows(values.xstest);
    const model = train(rows, (l) => console.log(l));
    const out = values.out ?? join(packageRoot(), 'src', 'scoring', 'refusal', 'learned', 'weights.ts');
    writeFileSync(out, weightsSource(model));
    console.log(`${rows.length} rows, ${model.names.length} weights, band [${model.band.low}, ${model.band.high}) → ${out}`);
  } catch (err) {
    console.error(`train: ${(err as Error).message}`);
    process.exit(2);
  }
}
