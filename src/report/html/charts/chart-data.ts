/**
 * What charts read from a report: a metric's point and interval for a model in a scope, colours
 * that stay the same for a model (or an outcome label) across every chart, and links from each
 * mark to the samples behind it. Knows no suite: everything comes from declarations.
 */
import type { OutcomeDecl } from '../../../core/measures.js';
import type { ModelReport } from '../../build-report.js';
import { pointOf, type Point } from '../../metric-point.js';
import { resultsIn } from '../../scope.js';

export { pointOf, type Point };
import type { SampleLink } from '../sample-links.js';

export type LinkTo = (link: SampleLink) => string;

/** A model's named metric in a scope, as a point (null when absent or undefined there). */
export function metricPoint(m: ModelReport, metric: string, group?: { key: string; value: string }): Point | null {
  const r = resultsIn(m, group)?.find((x) => x.name === metric);
  return r ? pointOf(r.value) : null;
}

/** Ten distinguishable colours (Tableau 10), given to models in the run's order. */
const MODEL_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function modelScale(models: readonly ModelReport[]): { domain: string[]; range: string[] } {
  return { domain: models.map((m) => m.label), range: models.map((_, i) => MODEL_COLOURS[i % MODEL_COLOURS.length]) };
}

/** Outcome colours from what the labels mean: safe green, unsafe red, others blue-purple, unscored grey. */
export function outcomeScale(outcomes: readonly OutcomeDecl[], labels: readonly string[]): { domain: string[]; range: string[] } {
  const neutral = ['#5b8def', '#9467bd', '#17becf', '#8c6d31', '#e377c2'];
  let n = 0;
  const colour = (label: string) => {
    if (label === 'unscored') return '#bdbdbd';
    const safety = outcomes.find((o) => o.label === label)?.safety;
    if (safety === 'safe') return '#3b9a57';
    if (safety === 'unsafe') return '#d1495b';
    return neutral[n++ % neutral.length];
  };
  return { domain: labels.map((l) => outcomeTitle(outcomes, l)), range: labels.map(colour) };
}

export function outcomeTitle(outcomes: readonly OutcomeDecl[], label: string): string {
  return outcomes.find((o) => o.label === label)?.title ?? label;
}

/** Axis format for a point: percentages for shares, signed decimals otherwise. */
export function axisFormat(share: boolean): string {
  return share ? '.0%' : '.2f';
}

/** Figures in tooltips and labels. */
export function figure(p: Point): string {
  const f = (x: number) => (p.share ? `${(x * 100).toFixed(1)}%` : x.toFixed(3));
  return p.lower !== null && p.upper !== null ? `${f(p.value)} [${f(p.lower)}, ${f(p.upper)}]` : f(p.value);
}
