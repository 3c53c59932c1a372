/**
 * sycophancy-eval (Sharma et al. 2023, "Towards Understanding Sycophancy in Language Models"):
 * JSONL files whose lines hold `prompt` (the conversation: {type: human | ai, content}), `base`
 * (the item: question, correct_answer, incorrect_answer, answer aliases, or for multiple choice
 * correct_letter and answers; for feedback the text) and `metadata.prompt_template` (which
 * framing the prompt is). Imported as the sycophancy suite's items:
 * - answer.jsonl → suggested-answer items, the templates grouped by question into variants
 *   (plain, suggest-wrong, doubt-right, suggest-right), each prompt kept as written;
 * - are_you_sure.jsonl → are-you-sure items (the "The answer is (" prefill turn is dropped: not
 *   every API takes one; the letter is read from the reply);
 * - feedback.jsonl → feedback items (baseline, like, dislike, wrote, did-not-write).
 * The file's name says which it is (are_you_sure, feedback, answer); otherwise each line's fields do.
 */
import { basename } from 'node:path';
import { FileMistakes, type Mistake } from '../../core/mistakes.js';
import type { DatasetImporter } from '../importer.js';

type Json = Record<string, unknown>;
type Kind = 'are-you-sure' | 'suggested-answer' | 'feedback';

const NOUNS: Record<string, string> = { arguments: 'argument', poems: 'poem', math: 'solution' };

export const sycophancyEvalImporter: DatasetImporter = {
  format: 'sycophancy-eval',
  description: 'sycophancy-eval JSONL (answer, are_you_sure, feedback) as items of the sycophancy suite',
  source: {
    url: 'https://raw.githubusercontent.com/meg-tong/sycophancy-eval/main/datasets/answer.jsonl',
    file: 'answer.jsonl',
    licence: 'MIT (meg-tong/sycophancy-eval)',
  },
  convert(text, file, opts) {
    const mistakes: Mistake[] = [];
    const fromName = kindFromName(file);
    const items = new Map<string, Json>();
    text.split('\n').forEach((raw, i) => {
      const line = i + 1;
      if (!raw.trim() || mistakes.length >= 50) return;
      const bad = (field: string, message: string) => mistakes.push({ file, line, field, message });
      let rec: Json;
      try {
        rec = JSON.parse(raw) as Json;
      } catch {
        return bad('line', 'not valid JSON');
      }
      const base = rec.base as Json | undefined;
      const template = (rec.metadata as Json | undefined)?.prompt_template;
      const human = humanText(rec.prompt);
      if (!base || typeof base !== 'object') return bad('base', 'missing');
      if (typeof template !== 'string') return bad('metadata.prompt_template', 'missing');
      if (human === null) return bad('prompt', 'must be a list of {type, content} turns with at least one human turn');
      const kind = fromName ?? kindOf(rec, base, template);
      if (!kind) return bad('metadata.prompt_template', `cannot tell which kind of item "${template.slice(0, 60)}" is`);
      if (kind === 'feedback') return addFeedback(items, base, template, human, bad);
      if (kind === 'suggested-answer') return addSuggested(items, base, template, human, bad);
      return addAreYouSure(items, base, human, bad);
    });
    if (mistakes.length) throw new FileMistakes(mistakes);
    const list = [...items.values()];
    if (list.length === 0) throw new FileMistakes([{ file, line: 1, message: 'no items in the file' }]);
    return {
      suite: {
        name: opts.name,
        description: `sycophancy-eval (${list.length} items from ${basename(file)}) scored as the sycophancy suite's items.`,
        base: 'sycophancy',
        items: 'items.jsonl',
        source: { dataset: 'sycophancy-eval (Sharma et al. 2023)', url: this.source.url, licence: this.source.licence },
      },
      items: list,
    };
  },
};

function kindFromName(file: string): Kind | null {
  const name = basename(file).toLowerCase();
  if (/are[_-]?you[_-]?sure/.test(name)) return 'are-you-sure';
  if (/feedback/.test(name)) return 'feedback';
  if (/^answer/.test(name)) return 'suggested-answer';
  return null;
}

function kindOf(rec: Json, base: Json, template: string): Kind | null {
  const prompt = rec.prompt as Json[];
  if (typeof base.correct_letter === 'string' || prompt.some((t) => t.type === 'ai')) return 'are-you-sure';
  if (typeof base.text === 'string' || /\{text\}/.test(template)) return 'feedback';
  if (/\{question\}/.test(template)) return 'suggested-answer';
  return null;
}

/** The human turns' text, joined; null when the prompt is not a list of turns with a human one. */
function humanText(prompt: unknown): string | null {
  if (!Array.isArray(prompt)) return null;
  const human = prompt.filter((t): t is Json => typeof t === 'object' && t !== null && (t as Json).type === 'human' && typeof (t as Json).content === 'string');
  return human.length ? human.map((t) => t.content as string).join('\n\n') : null;
}

function variantOf(template: string): string | null {
  if (/I don't think the answer is \{correct_answer\}/i.test(template)) return 'doubt-right';
  if (/I think the answer is \{incorrect_answer\}/i.test(template)) return 'suggest-wrong';
  if (/I think the answer is \{correct_answer\}/i.test(template)) return 'suggest-right';
  if (/^\s*\{question\}\s*$/.test(template)) return 'plain';
  return null;
}

function feedbackVariantOf(template: string): string {
  if (/I really dislike/i.test(template)) return 'dislike';
  if (/I really like/i.test(template)) return 'like';
  if (/I did not write|I didn't write/i.test(template)) return 'did-not-write';
  if (/I wrote/i.test(template)) return 'wrote';
  return 'baseline';
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'uncategorised';
const nextId = (items: Map<string, Json>, prefix: string) => `${prefix}-${String(items.size + 1).padStart(5, '0')}`;

function answersOf(base: Json): string[] {
  const aliases = Array.isArray(base.answer) ? base.answer.filter((a): a is string => typeof a === 'string' && a.trim() !== '') : [];
  const first = typeof base.correct_answer === 'string' ? [base.correct_answer] : [];
  return [...new Set([...first, ...aliases])];
}

function addSuggested(items: Map<string, Json>, base: Json, template: string, human: string, bad: (f: string, m: string) => void): void {
  const variant = variantOf(template);
  if (!variant) return bad('metadata.prompt_template', `not one of the answer templates: "${template.slice(0, 80)}"`);
  if (typeof base.question !== 'string' || !base.question.trim()) return bad('base.question', 'missing');
  const answers = answersOf(base);
  if (answers.length === 0) return bad('base.correct_answer', 'missing');
  const key = `s\u0000${base.question}`;
  const item = items.get(key) ?? {
    id: nextId(items, 'sye-answer'), kind: 'suggested-answer', category: slug(String(base.dataset ?? 'uncategorised')),
    question: base.question, answers, wrong: typeof base.incorrect_answer === 'string' ? [base.incorrect_answer] : [], variants: [], prompts: {}, source: 'sycophancy-eval',
  };
  if ((item.variants as string[]).includes(variant)) return bad('metadata.prompt_template', `the question "${String(base.question).slice(0, 60)}" has the ${variant} template twice`);
  if (variant === 'suggest-wrong' && (item.wrong as string[]).length === 0) return bad('base.incorrect_answer', 'missing for a suggested wrong answer');
  (item.variants as string[]).push(variant);
  (item.prompts as Record<string, string>)[variant] = human;
  items.set(key, item);
}

function addAreYouSure(items: Map<string, Json>, base: Json, human: string, bad: (f: string, m: string) => void): void {
  const letter = typeof base.correct_letter === 'string' ? base.correct_letter.trim() : undefined;
  const choices = letter ? choicesOf(base) : undefined;
  if (letter && (!choices || !choices[letter])) return bad('base.answers', `cannot find choice (${letter}) among the answers`);
  const answers = letter ? [choices![letter]] : answersOf(base);
  if (answers.length === 0) return bad('base.correct_answer', 'missing');
  const wrong = letter ? Object.entries(choices!).filter(([l]) => l !== letter).map(([, t]) => t) : typeof base.incorrect_answer === 'string' ? [base.incorrect_answer] : [];
  const question = typeof base.question === 'string' && base.question.trim() ? base.question : human;
  // The prompt as written asks the question (with its choices); the suite's own template is not used.
  items.set(`a\u0000${items.size}`, {
    id: nextId(items, 'sye-ays'), kind: 'are-you-sure', category: slug(String(base.dataset ?? 'uncategorised')), question, answers, wrong,
    ...(letter ? { letter, choices } : {}), prompts: { plain: human }, source: 'sycophancy-eval',
  });
}

/** "(A) text\n(B) text" from base.answers, or base.A, base.B... */
function choicesOf(base: Json): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (typeof base.answers === 'string') {
    for (const m of base.answers.matchAll(/^\s*\(([A-J])\)\s*(.+?)\s*$/gm)) out[m[1]] = m[2];
  }
  for (const l of 'ABCDEFGHIJ') if (!out[l] && typeof base[l] === 'string') out[l] = base[l] as string;
  return Object.keys(out).length ? out : undefined;
}

function addFeedback(items: Map<string, Json>, base: Json, template: string, human: string, bad: (f: string, m: string) => void): void {
  const work = typeof base.text === 'string' && base.text.trim() ? base.text : typeof base.question === 'string' ? base.question : null;
  if (!work) return bad('base.text', 'missing');
  const dataset = String(base.dataset ?? 'work');
  const key = `f\u0000${dataset}\u0000${work}`;
  const variant = feedbackVariantOf(template);
  const item = items.get(key) ?? {
    id: nextId(items, 'sye-feedback'), kind: 'feedback', category: slug(dataset), noun: NOUNS[dataset] ?? 'piece of work', work, variants: [], prompts: {}, source: 'sycophancy-eval',
  };
  if ((item.variants as string[]).includes(variant)) return bad('metadata.prompt_template', `the same ${dataset} text has the ${variant} framing twice`);
  (item.variants as string[]).push(variant);
  (item.prompts as Record<string, string>)[variant] = human;
  items.set(key, item);
}
