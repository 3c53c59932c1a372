import { readFileSync } from 'node:fs';
import type { Persona } from '../solvers/persona.js';
import { checkPersona } from '../solvers/persona-check.js';
import type { ItemRecord } from '../plugin.js';
import { FileMistakes, type Mistake } from '../yaml/mistakes.js';
import { suiteDataPath } from '../package-files.js';

export const KINDS = ['are-you-sure', 'suggested-answer', 'feedback', 'delusion'] as const;
export type Kind = (typeof KINDS)[number];

/** Variants of a suggested-answer item: the question plain, with a wrong answer suggested, with the right one doubted (or suggested). */
export const SUGGESTED_VARIANTS = ['plain', 'suggest-wrong', 'doubt-right', 'suggest-right'] as const;
/** Variants of a feedback item: ours (mine / other), and sycophancy-eval's (baseline, like, dislike, wrote, did-not-write). */
export const FEEDBACK_VARIANTS = ['mine', 'other', 'baseline', 'like', 'dislike', 'wrote', 'did-not-write'] as const;

interface Common {
  id: string;
  category: string;
  source?: string;
}

export interface QuestionItem extends Common {
  kind: 'are-you-sure' | 'suggested-answer';
  question: string;
  answers: string[];
  /** A plausible wrong answer and its aliases (the one suggested). */
  wrong: string[];
  /** Multiple choice: the right letter and the choices (the question then lists them). */
  letter?: string;
  choices?: Record<string, string>;
  /** Suggested-answer: which variants to run (default plain, suggest-wrong, doubt-right). */
  variants?: string[];
  /** Exact first messages by variant (imported items), instead of the suite's templates. */
  prompts?: Record<string, string>;
}

export interface FeedbackItem extends Common {
  kind: 'feedback';
  /** What the work is: argument, poem, code... (used in the prompt). */
  noun: string;
  work: string;
  variants?: string[];
  prompts?: Record<string, string>;
}

export interface DelusionItem extends Common {
  kind: 'delusion';
  /** The false or harmful belief, in one sentence, as the judge is told it. */
  belief: string;
  /** User messages at most (6-10). */
  turns: number;
  persona: Persona;
}

export type SycophancyItem = QuestionItem | FeedbackItem | DelusionItem;

export const ITEM_FILES = ['are-you-sure.jsonl', 'suggested-answer.jsonl', 'feedback.jsonl', 'delusion.jsonl'] as const;

/** The suite's own items and their raw text (hashed into the suite version). */
export function loadItems(): { items: SycophancyItem[]; raw: string } {
  let raw = '';
  const records: ItemRecord[] = [];
  const files: string[] = [];
  for (const file of ITEM_FILES) {
    const text = readFileSync(suiteDataPath('sycophancy', 'items', file), 'utf8');
    raw += text;
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        records.push({ fields: JSON.parse(line) as Record<string, unknown>, line: i + 1 });
        files.push(file);
      } catch {
        throw new Error(`sycophancy suite: ${file} line ${i + 1} is not valid JSON`);
      }
    });
  }
  return { items: checkItems(records, (i) => files[i]), raw };
}

/** Items given as records (a suite.yaml with `base: sycophancy`, e.g. imported sycophancy-eval files), each checked. */
export function itemsFromRecords(records: readonly ItemRecord[], file: string): { items: SycophancyItem[]; raw: string } {
  const items = checkItems(records, () => file);
  return { items, raw: JSON.stringify(items) };
}

function checkItems(records: readonly ItemRecord[], fileOf: (index: number) => string): SycophancyItem[] {
  const mistakes: Mistake[] = [];
  const items: SycophancyItem[] = [];
  const seen = new Set<string>();
  records.forEach(({ fields: f, line }, index) => {
    if (mistakes.length >= 50) return;
    const bad = (field: string, message: string) => mistakes.push({ file: fileOf(index), line, field, message });
    const before = mistakes.length;
    if (typeof f.id !== 'string' || !/^[\w.:-]+$/.test(f.id)) bad('id', 'missing or not a plain name (letters, digits, . _ : -)');
    else if (seen.has(f.id)) bad('id', `"${f.id}" is used twice`);
    else seen.add(f.id);
    if (!KINDS.includes(f.kind as Kind)) bad('kind', `must be one of ${KINDS.join(', ')}`);
    const text = (field: string) => (typeof f[field] === 'string' && (f[field] as string).trim() ? (f[field] as string) : (bad(field, 'missing'), ''));
    const list = (field: string, required: boolean) => {
      const v = f[field] ?? [];
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.trim())) return (bad(field, 'must be a list of texts'), []);
      if (required && v.length === 0) return (bad(field, 'must not be empty'), []);
      return v as string[];
    };
    const variants = (allowed: readonly string[]) => {
      const v = f.variants;
      if (v === undefined) return undefined;
      if (!Array.isArray(v) || v.length === 0 || !v.every((x) => allowed.includes(x as string))) return (bad('variants', `must be a list of ${allowed.join(', ')}`), undefined);
      return v as string[];
    };
    const prompts = () => {
      const p = f.prompts;
      if (p === undefined) return undefined;
      if (typeof p !== 'object' || p === null || !Object.values(p).every((x) => typeof x === 'string' && x.trim())) return (bad('prompts', 'must map variants to texts'), undefined);
      return p as Record<string, string>;
    };
    const common = { id: String(f.id), category: typeof f.category === 'string' && f.category ? f.category : 'uncategorised', ...(typeof f.source === 'string' ? { source: f.source } : {}) };
    let item: SycophancyItem | undefined;
    if (f.kind === 'are-you-sure' || f.kind === 'suggested-answer') {
      const letter = typeof f.letter === 'string' ? f.letter : undefined;
      const choices = f.choices as Record<string, string> | undefined;
      if (letter !== undefined && (!/^[A-J]$/.test(letter) || typeof choices !== 'object' || !choices || typeof choices[letter] !== 'string')) bad('letter', 'must be a letter A-J that `choices` lists');
      const wrong = list('wrong', f.kind === 'suggested-answer' && letter === undefined);
      const v = variants(SUGGESTED_VARIANTS);
      if (f.kind === 'suggested-answer' && (v ?? ['suggest-wrong']).includes('suggest-wrong') && wrong.length === 0) bad('wrong', 'a suggested-answer item needs the wrong answer it suggests');
      item = { ...common, kind: f.kind, question: text('question'), answers: list('answers', true), wrong, ...(letter ? { letter, choices } : {}), ...(v ? { variants: v } : {}), ...(prompts() ? { prompts: prompts() } : {}) };
    } else if (f.kind === 'feedback') {
      const v = variants(FEEDBACK_VARIANTS);
      item = { ...common, kind: 'feedback', noun: typeof f.noun === 'string' && f.noun ? f.noun : 'piece of work', work: text('work'), ...(v ? { variants: v } : {}), ...(prompts() ? { prompts: prompts() } : {}) };
    } else if (f.kind === 'delusion') {
      const turns = f.turns;
      if (typeof turns !== 'number' || !Number.isInteger(turns) || turns < 2 || turns > 20) bad('turns', 'must be a whole number of user messages from 2 to 20');
      item = { ...common, kind: 'delusion', belief: text('belief'), turns: Number(turns), persona: checkPersona(f.persona, bad) };
    }
    if (item && mistakes.length === before) items.push(item);
  });
  if (mistakes.length) throw new FileMistakes(mistakes);
  return items;
}

