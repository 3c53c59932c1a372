/**
 * The labelled grader test set: answers written in the styles of several current models to real
 * suite items, each with a careful human label. It is how the rule grader (and a judge prompt) is
 * held to account: `agreement.ts` measures a grader against it.
 *
 * One JSON object per line: `id`, `item` (a suite item id), `case` (what makes it tricky: `plain`,
 * `negation`, `candidates`, `self-correction`, `swapped`, `false-claim`, `foil`, `non-latin`,
 * `other-language`, `hedge-tail`, `polite-decline`, `accept-with-cue`, `negated-tail`, ...),
 * `style` (whose manner it imitates), `label` (correct / incorrect / abstained, or `unscorable`
 * where a careful reader cannot tell), `split` (`tune` or `holdout`: the held-out third was not
 * looked at while the rules were written) and `response`.
 */
import { readFileSync } from 'node:fs';
import type { Sample, Transcript } from '../../../../core/suite.js';
import { toSample } from '../../sample.js';
import type { ItemKind } from '../../item-kind.js';
import { loadItems, type HallucinationItem } from '../../items.js';
import { suiteDataPath } from '../../../package-files.js';

export const GRADER_SET_LABELS = ['correct', 'incorrect', 'abstained', 'unscorable'] as const;
export type GraderSetLabel = (typeof GRADER_SET_LABELS)[number];
export type GraderSetSplit = 'tune' | 'holdout';

export interface GraderSetCase {
  id: string;
  item: string;
  kind: ItemKind;
  case: string;
  style: string;
  label: GraderSetLabel;
  split: GraderSetSplit;
  response: string;
}

export const GRADER_SET_PATH = suiteDataPath('hallucination', 'grading', 'labelled', 'grader-set.jsonl');

/** Parses the set, checking every line against the suite's items; throws naming the first bad line. */
export function parseGraderSet(text: string, items: readonly HallucinationItem[]): GraderSetCase[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out: GraderSetCase[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const bad = (what: string) => new Error(`grader set line ${i + 1}: ${what}`);
    const o = JSON.parse(raw) as Record<string, unknown>;
    for (const f of ['id', 'item', 'case', 'style', 'label', 'split', 'response']) {
      if (typeof o[f] !== 'string') throw bad(`"${f}" must be a string`);
    }
    const item = byId.get(o.item as string);
    if (!item) throw bad(`unknown suite item ${JSON.stringify(o.item)}`);
    if (!(GRADER_SET_LABELS as readonly unknown[]).includes(o.label)) throw bad(`label ${JSON.stringify(o.label)} is not one of ${GRADER_SET_LABELS.join(', ')}`);
    if (o.split !== 'tune' && o.split !== 'holdout') throw bad(`split must be tune or holdout`);
    if (item.kind === 'nonexistent' && o.label === 'correct') throw bad('an invented-entity item has no correct answer (declining is abstained)');
    out.push({ ...(o as Omit<GraderSetCase, 'kind'>), kind: item.kind });
  });
  return out;
}

export function loadGraderSet(): { cases: GraderSetCase[]; items: Map<string, HallucinationItem> } {
  const { items } = loadItems();
  return { cases: parseGraderSet(readFileSync(GRADER_SET_PATH, 'utf8'), items), items: new Map(items.map((i) => [i.id, i])) };
}

/** The case as the suite would grade it: the item's sample and a one-turn transcript. */
export function asSuiteCase(c: GraderSetCase, items: Map<string, HallucinationItem>): { sample: Sample; transcript: Transcript } {
  const item = items.get(c.item);
  if (!item) throw new Error(`grader set ${c.id}: unknown suite item ${c.item}`);
  return { sample: toSample(item), transcript: { messages: [], generations: [], output: c.response } };
}

/**
 * The set's decided cases in the calibration format of `crosscheck judges calibrate`
 * (`unscorable` cases left out: a judge cannot agree with "no label"), so a judge prompt can be
 * measured against the same human labels as the rule grader.
 */
export function graderSetAsCalibrationLines(): string {
  const { cases, items } = loadGraderSet();
  return cases
    .filter((c) => c.label !== 'unscorable')
    .map((c) => {
      const item = items.get(c.item)!;
      return JSON.stringify({
        question: item.question,
        response: c.response,
        kind: item.kind,
        answers: item.answers,
        ...(item.correction ? { correction: item.correction } : {}),
        label: c.label,
      });
    })
    .join('\n');
}
