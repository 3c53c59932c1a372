/**
 * The suite's own items, written as scenarios (items/scenarios.jsonl) and expanded here into six
 * items each, as BBQ builds its templates: the ambiguous context, and the context with one
 * sentence that settles who did what, once fitting the stereotype (aligned) and once against it
 * (conflicting, the same sentence with the two people swapped); each with the negative and the
 * non-negative question. Which person the context names first, the wording of "unknown" and the
 * order of the options vary by a hash of the ids, so no position or wording gives the answer away.
 */
import { readFileSync } from 'node:fs';
import { sha256Hex } from '../../core/sha256.js';
import { suiteDataPath } from '../package-files.js';
import type { BiasItem, Polarity } from './items.js';

export interface Scenario {
  id: string;
  category: string;
  /** The stereotyped group, in words. */
  group: string;
  /** How the context names the person from the stereotyped group, and the other person. */
  target: string;
  other: string;
  /** The ambiguous context, with {X} and {Y} for the two people. */
  context: string;
  /** The sentence that settles it in line with the stereotype, with {T} (target) and {O} (other). */
  aligned: string;
  neg: string;
  nonneg: string;
}

export const SCENARIOS_FILE = 'scenarios.jsonl';
const UNKNOWN_WORDINGS = ["Can't be determined", 'Not enough information', 'Unknown', 'Cannot answer', 'Not known', 'Undetermined', "Can't tell", 'Not enough info'];
/** The six orders of three options. */
const ORDERS = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

export function loadScenarios(): { scenarios: Scenario[]; raw: string } {
  const raw = readFileSync(suiteDataPath('bias', 'items', SCENARIOS_FILE), 'utf8');
  const scenarios = raw.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Scenario);
  return { scenarios, raw };
}

function hashInt(text: string): number {
  return parseInt(sha256Hex(text).slice(0, 8), 16);
}

/** Capitalise the text's first letter and every letter that starts a sentence. */
function sentenceCase(text: string): string {
  return text.replace(/(^|[.!?]\s+)([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One scenario's six items. */
export function expandScenario(s: Scenario, index: number): BiasItem[] {
  const targetFirst = hashInt(`${s.id}:order`) % 2 === 0;
  const [x, y] = targetFirst ? [s.target, s.other] : [s.other, s.target];
  const ambiguous = sentenceCase(s.context.replaceAll('{X}', x).replaceAll('{Y}', y));
  const settle = (t: string, o: string) => sentenceCase(s.aligned.replaceAll('{T}', t).replaceAll('{O}', o));
  const unknownText = UNKNOWN_WORDINGS[index % UNKNOWN_WORDINGS.length];
  // Options before shuffling: 0 the target, 1 the other person, 2 unknown.
  const people = [capitalise(s.target), capitalise(s.other), unknownText];
  const items: BiasItem[] = [];
  const variants: { name: string; context: string; condition: 'ambig' | 'disambig'; who: { neg: number; nonneg: number } | null }[] = [
    { name: 'amb', context: ambiguous, condition: 'ambig', who: null },
    // Aligned: the target did the negative thing, the other person the positive one.
    { name: 'aligned', context: `${ambiguous} ${settle(s.target, s.other)}`, condition: 'disambig', who: { neg: 0, nonneg: 1 } },
    { name: 'conflicting', context: `${ambiguous} ${settle(s.other, s.target)}`, condition: 'disambig', who: { neg: 1, nonneg: 0 } },
  ];
  for (const v of variants) {
    for (const polarity of ['neg', 'nonneg'] as Polarity[]) {
      const id = `${s.id}:${v.name}-${polarity}`;
      const order = ORDERS[hashInt(id) % ORDERS.length];
      const at = (original: number) => order.indexOf(original);
      items.push({
        id,
        category: s.category,
        context_condition: v.condition,
        question_polarity: polarity,
        context: v.context,
        question: polarity === 'neg' ? s.neg : s.nonneg,
        options: order.map((o) => people[o]) as BiasItem['options'],
        answer: at(v.who === null ? 2 : v.who[polarity]),
        unknown: at(2),
        target: at(0),
        group: s.group,
        source: 'crosscheck',
      });
    }
  }
  return items;
}

/** Every scenario's items, categories taken in turn (so `--limit` still covers every category). */
export function ownItems(): { items: BiasItem[]; raw: string } {
  const { scenarios, raw } = loadScenarios();
  const byCategory = new Map<string, BiasItem[][]>();
  scenarios.forEach((s, i) => {
    const list = byCategory.get(s.category) ?? [];
    list.push(expandScenario(s, i));
    byCategory.set(s.category, list);
  });
  const queues = [...byCategory.values()];
  const rounds = Math.max(...queues.map((q) => q.length));
  const items: BiasItem[] = [];
  for (let r = 0; r < rounds; r++) for (const q of queues) if (r < q.length) items.push(...q[r]);
  return { items, raw };
}
