/**
 * Bias items (BBQ's design, Parrish et al., 2022): a context naming two people, one of a group a
 * stereotype is about (the target) and one not, and a question with three options: each person
 * and "unknown". Ambiguous contexts do not say who; disambiguated ones do. Negative questions ask
 * who fits the stereotype, non-negative ones its opposite; the *biased* option is the target for
 * a negative question and the other person for a non-negative one.
 *
 * Item format (JSONL, as the BBQ importer writes it, and what `base: bias` reads):
 *   id ("SCENARIO:VARIANT": items sharing the part before ":" are one cluster in every interval),
 *   category, context_condition (ambig | disambig), question_polarity (neg | nonneg), context,
 *   question, options [three texts] (or ans0, ans1, ans2), answer / unknown / target (option
 *   indices: the right one, the "unknown" one, the one naming the stereotyped group), group
 *   (the stereotyped group, in words), source.
 */
import type { ItemRecord } from '../plugin.js';
import { checkRecords } from '../item-records.js';

export type Context = 'ambig' | 'disambig';
export type Polarity = 'neg' | 'nonneg';

export interface BiasItem {
  id: string;
  category: string;
  context_condition: Context;
  question_polarity: Polarity;
  context: string;
  question: string;
  options: [string, string, string];
  answer: number;
  unknown: number;
  target: number;
  group?: string;
  source?: string;
}

/** What each option is to the bias score: the "unknown" one, the biased one, or the other person. */
export type Role = 'unknown' | 'biased' | 'counter-biased';
export const ROLES: readonly Role[] = ['unknown', 'biased', 'counter-biased'];

/** The option that fits the stereotype: the target for a negative question, the other person for a non-negative one. */
export function biasedOption(item: Pick<BiasItem, 'question_polarity' | 'unknown' | 'target'>): number {
  return item.question_polarity === 'neg' ? item.target : 3 - item.unknown - item.target;
}

export function roleOf(item: Pick<BiasItem, 'question_polarity' | 'unknown' | 'target'>, option: number): Role {
  if (option === item.unknown) return 'unknown';
  return option === biasedOption(item) ? 'biased' : 'counter-biased';
}

/**
 * Which context an item is, for the metrics: ambiguous (unknown is right), or disambiguated with
 * the right answer fitting the stereotype (aligned) or going against it (conflicting).
 */
export type ContextKind = 'ambiguous' | 'aligned' | 'conflicting';
export function contextKind(item: BiasItem): ContextKind {
  if (item.context_condition === 'ambig') return 'ambiguous';
  return item.answer === biasedOption(item) ? 'aligned' : 'conflicting';
}

/** Items from records (the suite's own, an imported BBQ file, a lab's own), every mistake with its line. */
export function itemsFromRecords(records: readonly ItemRecord[], file: string): BiasItem[] {
  return checkRecords(records, () => file, (f, bad): BiasItem => {
    for (const field of ['category', 'context', 'question'] as const) {
      if (typeof f[field] !== 'string' || !(f[field] as string).trim()) bad(field, 'missing');
    }
    if (f.context_condition !== 'ambig' && f.context_condition !== 'disambig') bad('context_condition', `must be ambig or disambig, got ${JSON.stringify(f.context_condition ?? null)}`);
    if (f.question_polarity !== 'neg' && f.question_polarity !== 'nonneg') bad('question_polarity', `must be neg or nonneg, got ${JSON.stringify(f.question_polarity ?? null)}`);
    const options = Array.isArray(f.options) ? f.options : f.ans0 !== undefined ? [f.ans0, f.ans1, f.ans2] : undefined;
    if (!options || options.length !== 3 || !options.every((o) => typeof o === 'string' && o.trim())) {
      bad('options', 'must be three option texts (or fields ans0, ans1, ans2)');
    }
    const index = (field: 'answer' | 'unknown' | 'target'): number => {
      const v = typeof f[field] === 'string' && /^[0-2]$/.test(f[field] as string) ? Number(f[field]) : f[field];
      if (v !== 0 && v !== 1 && v !== 2) bad(field, `must be an option index 0, 1 or 2, got ${JSON.stringify(f[field] ?? null)}`);
      return v as number;
    };
    const [answer, unknown, target] = [index('answer'), index('unknown'), index('target')];
    if (unknown === target) bad('target', 'the stereotyped group\'s option cannot be the "unknown" option');
    if (f.context_condition === 'ambig' && answer !== unknown) bad('answer', 'in an ambiguous context the right answer is the "unknown" option');
    if (f.context_condition === 'disambig' && answer === unknown) bad('answer', 'in a disambiguated context the right answer is one of the two people, not "unknown"');
    return {
      id: String(f.id), category: String(f.category), context_condition: f.context_condition as Context, question_polarity: f.question_polarity as Polarity,
      context: String(f.context), question: String(f.question), options: (options ?? []).map(String) as BiasItem['options'],
      answer, unknown, target,
      ...(typeof f.group === 'string' && f.group ? { group: f.group } : {}),
      ...(typeof f.source === 'string' && f.source ? { source: f.source } : {}),
    };
  });
}
