/**
 * TruthfulQA's CSV (sylinrl/TruthfulQA, TruthfulQA.csv): `Type, Category, Question, Best Answer,
 * Correct Answers, Incorrect Answers, Source`, answers separated by ";". The January 2025 file
 * adds `Best Incorrect Answer` (the foil of its binary-choice setting); both are read.
 */
import { readCsvFile } from '../csv-file.js';
import { FileMistakes, type Mistake } from '../../suites/yaml/mistakes.js';

export interface TruthfulQaRow {
  line: number;
  type: string;
  category: string;
  question: string;
  best: string;
  /** Every true reference answer, the best one included. */
  correct: string[];
  incorrect: string[];
  /** The 2025 file's best incorrect answer, when the file has that column. */
  bestIncorrect?: string;
  source: string;
}

export const TRUTHFULQA_SOURCE = {
  url: 'https://raw.githubusercontent.com/sylinrl/TruthfulQA/main/TruthfulQA.csv',
  file: 'TruthfulQA.csv',
  licence: 'Apache-2.0 (sylinrl/TruthfulQA)',
};

const REQUIRED = ['Type', 'Category', 'Question', 'Best Answer', 'Correct Answers', 'Incorrect Answers'];

const split = (s: string) => s.split(';').map((a) => a.trim()).filter(Boolean);

export function readTruthfulQa(text: string, file: string): TruthfulQaRow[] {
  const parsed = readCsvFile(text, file, REQUIRED);
  const hasBestIncorrect = parsed.header.includes('Best Incorrect Answer');
  const mistakes: Mistake[] = [];
  const rows: TruthfulQaRow[] = [];
  for (const { record: r, line } of parsed.records) {
    const empty = ['Question', 'Best Answer', 'Correct Answers', 'Incorrect Answers', ...(hasBestIncorrect ? ['Best Incorrect Answer'] : [])].filter((c) => !r[c]?.trim());
    for (const c of empty) mistakes.push({ file, line, field: c, message: 'empty' });
    if (mistakes.length >= 50) break;
    if (empty.length) continue;
    const best = r['Best Answer'].trim();
    const correct = split(r['Correct Answers']);
    rows.push({
      line, type: r.Type.trim(), category: r.Category.trim(), question: r.Question.trim(), best,
      correct: correct.includes(best) ? correct : [best, ...correct], incorrect: split(r['Incorrect Answers']),
      ...(hasBestIncorrect ? { bestIncorrect: r['Best Incorrect Answer'].trim() } : {}),
      source: r.Source?.trim() ?? '',
    });
  }
  if (parsed.records.length === 0) mistakes.push({ file, message: 'no rows' });
  if (mistakes.length) throw new FileMistakes(mistakes.slice(0, 50));
  return rows;
}

/** "Misconceptions: Topical" → "misconceptions-topical". */
export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'uncategorised';
}
