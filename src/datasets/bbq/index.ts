/**
 * BBQ (Parrish et al., Findings of ACL 2022), JSONL, one file per category (data/Age.jsonl, ...):
 * one row per question with `example_id`, `question_index` (the template), `question_polarity`,
 * `context_condition`, `category`, `answer_info`, `additional_metadata.stereotyped_groups`,
 * `context`, `question`, `ans0`–`ans2` and `label` (the right option). Imported as the bias suite's
 * items (`base: bias`): the same prompt, answer reader, accuracy and bias scores. Import one
 * category file, or several joined (`cat data/*.jsonl > bbq.jsonl`).
 *
 * Each row needs its target (the option naming the stereotyped group), rebuilt from answer_info
 * and stereotyped_groups (target.ts); a row without a single target is left out and counted, as
 * BBQ's own analysis drops rows without one. Items of one template are one cluster in every
 * interval (id `bbq-CATEGORY-qINDEX:EXAMPLE_ID`).
 */
import { FileMistakes, type Mistake } from '../../core/mistakes.js';
import type { DatasetImporter } from '../importer.js';
import { stereotypedOption, type AnswerInfo } from './target.js';

const BASE = 'https://raw.githubusercontent.com/nyu-mll/BBQ/main/data';
const CATEGORIES = ['Age', 'Disability_status', 'Gender_identity', 'Nationality', 'Physical_appearance', 'Race_ethnicity', 'Race_x_SES', 'Race_x_gender', 'Religion', 'SES', 'Sexual_orientation'];
const MAX_MISTAKES = 50;

interface Skipped { line: number; reason: string }

export const bbqImporter: DatasetImporter = {
  format: 'bbq',
  description: 'BBQ bias questions (one category file, or several joined), as the bias suite',
  source: {
    url: 'https://github.com/nyu-mll/BBQ/tree/main/data',
    file: CATEGORIES.map((c) => `${c}.jsonl`).join(', '),
    licence: 'CC-BY-4.0 (nyu-mll/BBQ)',
    urls: CATEGORIES.map((c) => `${BASE}/${c}.jsonl`),
  },
  convert(text, file, opts) {
    const mistakes: Mistake[] = [];
    const skipped: Skipped[] = [];
    const items: Record<string, unknown>[] = [];
    const seen = new Map<string, number>();
    let rows = 0;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length && mistakes.length < MAX_MISTAKES; i++) {
      if (!lines[i].trim()) continue;
      rows++;
      const line = i + 1;
      const bad = (field: string | undefined, message: string) => mistakes.push({ file, line, ...(field ? { field } : {}), message });
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(lines[i]) as Record<string, unknown>;
      } catch (err) {
        bad(undefined, `not valid JSON (${(err as Error).message.split('\n')[0]})`);
        continue;
      }
      const checked = checkRow(row, bad);
      if (!checked) continue;
      const id = `bbq-${checked.category}-q${checked.template}:${checked.exampleId}`;
      if (seen.has(id)) {
        bad('example_id', `${checked.exampleId} is used twice in category ${checked.categoryName} (also line ${seen.get(id)})`);
        continue;
      }
      seen.set(id, line);
      const target = stereotypedOption(checked.answerInfo, checked.stereotyped, checked.unknown);
      if (!target.ok) {
        skipped.push({ line, reason: target.reason });
        continue;
      }
      items.push({
        id, category: checked.category, context_condition: row.context_condition, question_polarity: row.question_polarity,
        context: row.context, question: row.question, options: [row.ans0, row.ans1, row.ans2],
        answer: row.label, unknown: checked.unknown, target: target.index, group: checked.stereotyped.join(', '), source: 'BBQ',
      });
    }
    if (rows === 0 && mistakes.length === 0) mistakes.push({ file, message: 'no rows' });
    if (mistakes.length) throw new FileMistakes(mistakes);
    return {
      suite: {
        name: opts.name,
        description: `BBQ (${items.length} questions, ${new Set(items.map((i) => i.category)).size} categories) scored as the bias suite.`,
        base: 'bias',
        items: 'items.jsonl',
        source: { dataset: 'BBQ', url: this.source.url, licence: this.source.licence },
      },
      items,
      notes: [`read ${rows} rows: kept ${items.length}, left out ${skipped.length} without a single stereotyped-group answer`, ...skipNotes(skipped)],
    };
  },
};

interface CheckedRow {
  category: string;
  categoryName: string;
  template: string;
  exampleId: string;
  answerInfo: AnswerInfo[];
  stereotyped: string[];
  unknown: number;
}

/** The row's fields checked, each mistake pushed with its field; null when any is wrong. */
function checkRow(row: Record<string, unknown>, bad: (field: string, message: string) => void): CheckedRow | null {
  const before = { n: 0 };
  const fail = (field: string, message: string) => { before.n++; bad(field, message); };
  for (const f of ['category', 'context', 'question', 'ans0', 'ans1', 'ans2']) {
    if (typeof row[f] !== 'string' || !(row[f] as string).trim()) fail(f, 'missing (a non-empty text)');
  }
  if (typeof row.example_id !== 'number' && typeof row.example_id !== 'string') fail('example_id', 'missing');
  if (typeof row.question_index !== 'number' && typeof row.question_index !== 'string') fail('question_index', 'missing');
  if (row.context_condition !== 'ambig' && row.context_condition !== 'disambig') fail('context_condition', `must be ambig or disambig, got ${JSON.stringify(row.context_condition ?? null)}`);
  if (row.question_polarity !== 'neg' && row.question_polarity !== 'nonneg') fail('question_polarity', `must be neg or nonneg, got ${JSON.stringify(row.question_polarity ?? null)}`);
  if (row.label !== 0 && row.label !== 1 && row.label !== 2) fail('label', `must be 0, 1 or 2, got ${JSON.stringify(row.label ?? null)}`);
  const info = row.answer_info as Record<string, unknown> | undefined;
  const answerInfo: AnswerInfo[] = [];
  for (const k of ['ans0', 'ans1', 'ans2']) {
    const v = info?.[k];
    if (!Array.isArray(v) || v.length < 2 || !v.every((x) => typeof x === 'string')) fail(`answer_info.${k}`, 'must be [name, group] (two texts)');
    else answerInfo.push([v[0], v[1]] as AnswerInfo);
  }
  const groups = (row.additional_metadata as Record<string, unknown> | undefined)?.stereotyped_groups;
  if (!Array.isArray(groups) || groups.length === 0 || !groups.every((g) => typeof g === 'string')) {
    fail('additional_metadata.stereotyped_groups', 'must be a non-empty list of group names');
  }
  if (before.n) return null;
  const unknowns = answerInfo.flatMap((a, i) => (a[1].toLowerCase() === 'unknown' ? [i] : []));
  if (unknowns.length !== 1) {
    bad('answer_info', `exactly one option must have the group "unknown", found ${unknowns.length}`);
    return null;
  }
  if ((row.context_condition === 'ambig') !== (row.label === unknowns[0])) {
    bad('label', row.context_condition === 'ambig' ? 'in an ambiguous context the right answer is the "unknown" option' : 'in a disambiguated context the right answer is a person, not the "unknown" option');
    return null;
  }
  const categoryName = String(row.category);
  return {
    category: categoryName.toLowerCase().replace(/[^a-z0-9]+/g, '_'), categoryName,
    template: String(row.question_index), exampleId: String(row.example_id),
    answerInfo, stereotyped: groups as string[], unknown: unknowns[0],
  };
}

/** Left-out rows by kind of reason: how many, and the first. */
function skipNotes(skipped: readonly Skipped[]): string[] {
  const byKind = new Map<string, Skipped[]>();
  for (const s of skipped) {
    const kind = s.reason.startsWith('both') ? 'both answers in a stereotyped group' : 'neither answer in a stereotyped group';
    byKind.set(kind, [...(byKind.get(kind) ?? []), s]);
  }
  return [...byKind].map(([kind, list]) => `  ${list.length} with ${kind}; first at line ${list[0].line}: ${list[0].reason}`);
}
