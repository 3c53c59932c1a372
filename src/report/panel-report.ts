import { cohenKappa } from '../metrics/cohen-kappa.js';
import { fleissKappaFromRatings } from '../metrics/fleiss-kappa.js';
import { krippendorffAlpha } from '../metrics/krippendorff-alpha.js';
import { selfPreference, type SelfPreference } from '../metrics/self-preference.js';
import type { ModelSpec } from '../core/run-record.js';
import type { PartScore } from '../store/records.js';

/** How far the judges agree, for one model's items or for all of them. */
export interface PanelAgreement {
  scope: string;
  items: number;
  pairwiseKappa: { a: string; b: string; kappa: number; n: number }[];
  fleissKappa: number;
  /** Items every judge graded (Fleiss needs a full set of ratings). */
  fleissItems: number;
  krippendorffAlpha: number;
}

export interface PanelReport {
  judges: { label: string; ref: string; lab: string }[];
  /** The labels judges chose among (agreement is over these). */
  labels: string[];
  agreement: PanelAgreement[];
  selfPreference: SelfPreference[];
  /** Per judge: grades it gave, and how many of them were unscored (no parseable label). */
  unscored: { judge: string; unscored: number; graded: number }[];
  redactedTranscripts: number;
}

/**
 * Agreement (pairwise Cohen's kappa, Fleiss' kappa, Krippendorff's alpha on the suite's outcome
 * labels; unscored grades count as missing) and each judge's self-preference: how much more
 * kindly (a favourable label) than the rest of the panel it grades its own lab's models, minus
 * the same excess on the other labs' models (a difference in differences, so a judge lenient to
 * everyone is not flagged).
 */
export function panelReport(
  parts: PartScore[], judges: ModelSpec[], targets: ModelSpec[], redacted: number,
  outcomes: { labels: string[]; favourable: ReadonlySet<string> },
): PanelReport {
  const labels = judges.map((j) => j.label);
  const targetLab = new Map(targets.map((t) => [t.label, t.lab]));
  const judgeLab = new Map(judges.map((j) => [j.label, j.lab]));
  const items = groupByItem(parts, labels);
  const agreement = [agreementFor('all models', [...items.values()], labels)];
  for (const t of targets) {
    agreement.push(agreementFor(t.label, [...items.entries()].filter(([k]) => k.startsWith(`${t.label}\u0000`)).map(([, v]) => v), labels));
  }
  const grades = parts
    .filter((p) => p.outcome !== 'unscored')
    .map((p) => ({
      itemId: `${p.model}\u0000${p.sampleId}\u0000${p.epoch}`,
      targetLab: targetLab.get(p.model) ?? 'unknown',
      judge: p.judgeLabel,
      judgeLab: judgeLab.get(p.judgeLabel) ?? 'unknown',
      value: outcomes.favourable.has(p.outcome) ? 1 : 0,
      // Every model's answer to a sample, in every epoch, is resampled together.
      cluster: p.sampleId,
    }));
  return {
    judges: judges.map((j) => ({ label: j.label, ref: j.ref, lab: j.lab })),
    labels: outcomes.labels,
    agreement,
    selfPreference: judges.length > 1 ? selfPreference(grades).filter((s) => s.lab !== 'unknown') : [],
    unscored: labels.map((judge) => {
      const mine = parts.filter((p) => p.judgeLabel === judge);
      return { judge, unscored: mine.filter((p) => p.outcome === 'unscored').length, graded: mine.length };
    }),
    redactedTranscripts: redacted,
  };
}

/** item key → one label (or null) per judge, in judge order. */
function groupByItem(parts: PartScore[], judges: string[]): Map<string, (string | null)[]> {
  const index = new Map(judges.map((j, i) => [j, i]));
  const items = new Map<string, (string | null)[]>();
  for (const p of parts) {
    const key = `${p.model}\u0000${p.sampleId}\u0000${p.epoch}`;
    let row = items.get(key);
    if (!row) items.set(key, (row = judges.map(() => null)));
    const i = index.get(p.judgeLabel);
    if (i !== undefined) row[i] = p.outcome === 'unscored' ? null : p.outcome;
  }
  return items;
}

function agreementFor(scope: string, rows: (string | null)[][], judges: string[]): PanelAgreement {
  const pairwiseKappa: PanelAgreement['pairwiseKappa'] = [];
  for (let a = 0; a < judges.length; a++) {
    for (let b = a + 1; b < judges.length; b++) {
      const k = cohenKappa(rows.map((r) => r[a]), rows.map((r) => r[b]));
      pairwiseKappa.push({ a: judges[a], b: judges[b], kappa: k.kappa, n: k.n });
    }
  }
  const complete = rows.filter((r) => r.every((x) => x !== null)) as string[][];
  const fleiss = judges.length > 1 && complete.length ? fleissKappaFromRatings(complete).kappa : NaN;
  const alpha = judges.length > 1 && rows.length ? krippendorffAlpha(rows, 'nominal').alpha : NaN;
  return { scope, items: rows.length, pairwiseKappa, fleissKappa: fleiss, fleissItems: complete.length, krippendorffAlpha: alpha };
}
