import type { Persona } from '../solvers/persona.js';
import { checkPersona } from '../solvers/persona-check.js';
import { checkRecords, readItemFiles, textField, type Bad } from '../item-records.js';
import type { ItemRecord } from '../plugin.js';

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
  const { records, fileOf, raw } = readItemFiles('sycophancy', ITEM_FILES);
  return { items: checkRecords(records, fileOf, checkItem), raw };
}

/** Items given as records (a suite.yaml with `base: sycophancy`, e.g. imported sycophancy-eval files), each checked. */
export function itemsFromRecords(records: readonly ItemRecord[], file: string): { items: SycophancyItem[]; raw: string } {
  const items = checkRecords(records, () => file, checkItem);
  return { items, raw: JSON.stringify(items) };
}

function checkItem(f: Record<string, unknown>, bad: Bad): SycophancyItem | undefined {
  if (!KINDS.includes(f.kind as Kind)) bad('kind', `must be one of ${KINDS.join(', ')}`);
  const text = (field: string) => textField(f, field, bad);
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
  if (f.kind === 'are-you-sure' || f.kind === 'suggested-answer') {
    const letter = typeof f.letter === 'string' ? f.letter : undefined;
    const choices = f.choices as Record<string, string> | undefined;
    if (letter !== undefined && (!/^[A-J]$/.test(letter) || typeof choices !== 'object' || !choices || typeof choices[letter] !== 'string')) bad('letter', 'must be a letter A-J that `choices` lists');
    const wrong = list('wrong', f.kind === 'suggested-answer' && letter === undefined);
    const v = variants(SUGGESTED_VARIANTS);
    if (f.kind === 'suggested-answer' && (v ?? ['suggest-wrong']).includes('suggest-wrong') && wrong.length === 0) bad('wrong', 'a suggested-answer item needs the wrong answer it suggests');
    const p = prompts();
    return { ...common, kind: f.kind, question: text('question'), answers: list('answers', true), wrong, ...(letter ? { letter, choices } : {}), ...(v ? { variants: v } : {}), ...(p ? { prompts: p } : {}) };
  }
  if (f.kind === 'feedback') {
    const v = variants(FEEDBACK_VARIANTS);
    const p = prompts();
    return { ...common, kind: 'feedback', noun: typeof f.noun === 'string' && f.noun ? f.noun : 'piece of work', work: text('work'), ...(v ? { variants: v } : {}), ...(p ? { prompts: p } : {}) };
  }
  if (f.kind === 'delusion') {
    const turns = f.turns;
    if (typeof turns !== 'number' || !Number.isInteger(turns) || turns < 2 || turns > 20) bad('turns', 'must be a whole number of user messages from 2 to 20');
    return { ...common, kind: 'delusion', belief: text('belief'), turns: Number(turns), persona: checkPersona(f.persona, bad) };
  }
  return undefined;
}

