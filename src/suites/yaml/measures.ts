/**
 * What a suite.yaml measures, as the same declaration a TypeScript suite makes, and the checks
 * across fields that the schema cannot make (a metric on a label no scorer gives, a headline
 * naming no metric). Built from the definition alone, so reports need no item files.
 */
import type { MetricDecl, OutcomeDecl, SuiteMeasures } from '../../core/measures.js';
import { countMetric, meanMetric, proportionMetric } from '../../metrics/declared.js';
import { isJudged, scorerLabels, scorerName, type MetricDefinition, type SuiteDefinition } from './definition.js';
import type { Mistake } from '../../core/mistakes.js';

interface NamedMetric {
  name: string;
  title: string;
  decl: MetricDecl;
  /** Proportions and means are headline material; counts other than n are not. */
  headline: boolean;
  /** The scorer whose values a mean compares, for `compare`. */
  meanOf?: string;
}

/** Every metric the suite reports, with its name; mistakes found on the way are pushed. */
export function namedMetrics(def: SuiteDefinition, mistakes: Mistake[] = [], lineOf: (path: PropertyKey[]) => number | undefined = () => undefined, file = 'suite.yaml'): NamedMetric[] {
  const first = def.scorers[0];
  const byName = new Map(def.scorers.map((s) => [scorerName(s), s]));
  const given: MetricDefinition[] = def.metrics ?? [
    { count: 'scored' }, { count: 'unscored' },
    ...scorerLabels(first).filter((l) => l !== 'scored').map((l) => ({ proportion: [l] })),
    ...def.scorers.filter((s) => s.type === 'rubric').map((s) => ({ mean: scorerName(s) })),
  ];
  const out: NamedMetric[] = [];
  given.forEach((m, i) => {
    const bad = (field: string, message: string) => mistakes.push({ file, line: lineOf(['metrics', i, field]), field: `metrics[${i}].${field}`, message });
    if ('proportion' in m) {
      const scorer = m.scorer === undefined ? first : byName.get(m.scorer);
      if (!scorer) return bad('scorer', `no scorer is named "${m.scorer}"`);
      const gives = scorerLabels(scorer);
      for (const l of [...m.proportion, ...(m.among ?? [])]) {
        if (!gives.includes(l)) bad(m.among?.includes(l) ? 'among' : 'proportion', `label "${l}" is never produced: scorer ${scorerName(scorer)} gives ${gives.join(', ')}`);
      }
      const name = m.name ?? `${m.scorer ? `${m.scorer}-` : ''}${m.proportion.join('-or-')}`;
      const title = m.title ?? `${m.proportion.join(' or ')}${m.among ? ` (of ${[...m.proportion, ...m.among].join(', ')})` : ''}`;
      out.push({ name, title, headline: true, decl: proportionMetric({ name, title, labels: m.proportion, among: m.among, scorer: m.scorer }) });
    } else if ('mean' in m) {
      const scorer = byName.get(m.mean);
      if (!scorer) return bad('mean', `no scorer is named "${m.mean}"`);
      if (m.detail !== undefined && !(scorer.type === 'rubric' && scorer.criteria.some((c) => c.id === m.detail))) {
        bad('detail', `"${m.detail}" is not a criterion of rubric ${m.mean}`);
      }
      if (m.detail === undefined && scorer.type !== 'rubric' && scorer.type !== 'refusal' && scorer.type !== 'match' && scorer.type !== 'regex') {
        bad('mean', `scorer ${m.mean} gives labels, not numbers: use {proportion: [...], scorer: ${m.mean}}`);
      }
      const name = m.name ?? `mean-${m.mean}${m.detail ? `-${m.detail}` : ''}`;
      const title = m.title ?? (m.detail ? `${m.detail} (share of judges: met)` : `mean ${m.mean} score`);
      out.push({ name, title, headline: true, meanOf: m.detail ? undefined : m.mean, decl: meanMetric({ name, title, scorer: m.mean, detail: m.detail, bounds: m.detail ? [0, 1] : scoreBounds(scorer) }) });
    } else {
      if (m.scorer !== undefined && !byName.has(m.scorer)) return bad('scorer', `no scorer is named "${m.scorer}"`);
      const name = m.name ?? (m.count === 'scored' ? 'n' : m.count);
      const title = m.title ?? { scored: 'scored samples (n)', unscored: 'unscored (excluded)', total: 'samples' }[m.count];
      out.push({ name, title, headline: m.count === 'scored', decl: countMetric({ name, title, which: m.count, scorer: m.scorer }) });
    }
  });
  const seen = new Set<string>();
  out.forEach((m, i) => {
    if (seen.has(m.name)) mistakes.push({ file, line: lineOf(['metrics', i]), field: `metrics[${i}]`, message: `two metrics are named "${m.name}": give one a name` });
    seen.add(m.name);
  });
  return out;
}

/** Problems across fields: scorer names, declared outcomes, the headline. */
export function crossFieldMistakes(def: SuiteDefinition, lineOf: (path: PropertyKey[]) => number | undefined, file: string): Mistake[] {
  const mistakes: Mistake[] = [];
  const names = new Map<string, number>();
  def.scorers.forEach((s, i) => {
    const n = scorerName(s);
    if (names.has(n)) mistakes.push({ file, line: lineOf(['scorers', i]), field: `scorers[${i}]`, message: `two scorers are named "${n}": give one a name` });
    names.set(n, i);
  });
  const all = new Set(def.scorers.flatMap(scorerLabels));
  def.outcomes?.forEach((o, i) => {
    if (!all.has(o.label)) mistakes.push({ file, line: lineOf(['outcomes', i, 'label']), field: `outcomes[${i}].label`, message: `label "${o.label}" is never produced by any scorer` });
  });
  const metrics = namedMetrics(def, mistakes, lineOf, file);
  def.headline?.forEach((h, i) => {
    if (!metrics.some((m) => m.name === h)) mistakes.push({ file, line: lineOf(['headline', i]), field: `headline[${i}]`, message: `no metric is named "${h}" (metrics: ${metrics.map((m) => m.name).join(', ')})` });
  });
  return mistakes;
}

export function yamlMeasures(def: SuiteDefinition): SuiteMeasures {
  const metrics = namedMetrics(def);
  const first = def.scorers[0];
  const outcomes: OutcomeDecl[] = def.outcomes ?? [...new Set(def.scorers.flatMap(scorerLabels))].map((label) => ({ label }));
  const headlineNames = def.headline ?? metrics.filter((m) => m.headline).map((m) => m.name);
  const success = outcomes.find((o) => o.safety === 'safe')?.label;
  return {
    outcomes,
    scorers: def.scorers.map((s, i) => ({
      name: scorerName(s),
      title: scorerName(s) === s.type ? TYPE_TITLES[s.type] : `${scorerName(s)} (${TYPE_TITLES[s.type]})`,
      judged: isJudged(s),
      crossCheck: i > 0 && sameLabels(s, first),
    })),
    groups: (def.groups ?? []).map((key) => ({ key })),
    metrics: metrics.map((m) => m.decl),
    headline: [{ scope: 'all items', columns: headlineNames.map((name) => ({ metric: name, title: metrics.find((m) => m.name === name)?.title ?? name })) }],
    epochs: { success, majority: outcomes.map((o) => o.label).filter((l) => l !== 'scored') },
    compare: {
      binary: outcomes.filter((o) => o.label !== 'scored').map((o) => ({ labels: [o.label], title: o.title ?? o.label })),
      scores: metrics.filter((m) => m.meanOf !== undefined && m.meanOf === scorerName(first)).map((m) => ({ name: m.name, title: m.title })),
      scoresNote: 'mean scores',
    },
  };
}

/** The lowest and highest value a scorer's score can take: a rubric can go below 0 by its negative criteria. */
function scoreBounds(s: SuiteDefinition['scorers'][number]): [number, number] {
  if (s.type !== 'rubric') return [0, 1];
  const available = s.criteria.filter((c) => c.points > 0).reduce((a, c) => a + c.points, 0);
  const worst = s.criteria.filter((c) => c.points < 0).reduce((a, c) => a + c.points, 0);
  return [available > 0 ? Math.min(0, worst / available) : -1, 1];
}

const TYPE_TITLES: Record<SuiteDefinition['scorers'][number]['type'], string> = {
  match: 'alias match', regex: 'regex rule', refusal: 'refusal detector', classify: 'judge classification', rubric: 'judge rubric',
};

function sameLabels(a: SuiteDefinition['scorers'][number], b: SuiteDefinition['scorers'][number]): boolean {
  const x = scorerLabels(a);
  const y = scorerLabels(b);
  return x.length === y.length && x.every((l) => y.includes(l));
}
