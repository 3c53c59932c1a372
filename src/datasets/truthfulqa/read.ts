/**
 * TruthfulQA's CSV (sylinrl/TruthfulQA, TruthfulQA.csv): `Type, Category, Question, Best Answer,
 * Correct Answers, Incorrect Answers, Source`, answers separated by ";". The January 2025 file
 * adds `Best Incorrect Answer` (the foil of its binary-choice setting); both are read.
 */
import { checkedCsvRecords, slug } from '../csv-records.js';
import { FileMistakes, type Mistake } from '../../core/mistakes.js';

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
const NON_EMPTY = ['Question', 'Best Answer', 'Correct Answers', 'Incorrect Answers'];
const BEST_INCORRECT = 'Best Incorrect Answer';

const split = (s: string) => s.split(';').map((a) => a.trim()).filter(Boolean);

export function readTruthfulQa(text: string, file: string): TruthfulQaRow[] {
  const records = checkedCsvRecords(text, file, REQUIRED, NON_EMPTY);
  // Records are keyed by the header, so the 2025 column is there in every record or in none.
  const hasBestIncorrect = BEST_INCORRECT in records[0].record;
  const mistakes: Mistake[] = hasBestIncorrect
    ? records.filter(({ record }) => !record[BEST_INCORRECT].trim()).slice(0, 50).map(({ line }) => ({ file, line, field: BEST_INCORRECT, message: 'empty' }))
    : [];
  if (mistakes.length) throw new FileMistakes(mistakes);
  return records.map(({ record: r, line }) => {
    const best = r['Best Answer'].trim();
    const correct = split(r['Correct Answers']);
    return {
      line, type: r.Type.trim(), category: r.Category.trim(), question: r.Question.trim(), best,
      correct: correct.includes(best) ? correct : [best, ...correct], incorrect: split(r['Incorrect Answers']),
      ...(hasBestIncorrect ? { bestIncorrect: r[BEST_INCORRECT].trim() } : {}),
      source: r.Source?.trim() ?? '',
    };
  });
}

/** The fields every TruthfulQA item starts with: its id (PREFIX-0001...), type, category, question. */
export function itemHead(prefix: string, r: TruthfulQaRow, index: number) {
  return { id: `${prefix}-${String(index + 1).padStart(4, '0')}`, type: slug(r.type), category: slug(r.category), question: r.question };
}
