/**
 * The human-labelled items `crosscheck judges calibrate` measures judges against: JSONL, one
 * object per line with the question, the response a model gave, the item's kind and gold
 * answers, and the human's outcome for that response.
 */
import { UsageError } from '../../../core/errors.js';
import type { Sample, Transcript } from '../../../core/suite.js';
import { ITEM_KINDS, type ItemKind } from '../item-kind.js';
import { HUMAN_LABELS, type HumanLabel } from './calibration.js';

export interface LabelledItem {
  /** 1-based line in the file, for messages. */
  line: number;
  question: string;
  response: string;
  kind: ItemKind;
  /** Answerable: the accepted answers (aliases). False premise: phrases a correction may contain. */
  answers: string[];
  correction?: string;
  label: HumanLabel;
}

/** Parses the whole file or throws a one-line UsageError naming the first bad line. */
export function parseLabelFile(text: string, name: string): LabelledItem[] {
  const items: LabelledItem[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const line = i + 1;
    const bad = (what: string) => new UsageError(`${name} line ${line}: ${what}`);
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (err) {
      throw bad(`not valid JSON (${(err as Error).message.split('\n')[0]})`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw bad('expected one JSON object');
    const o = obj as Record<string, unknown>;
    for (const field of ['question', 'response'] as const) {
      if (typeof o[field] !== 'string') throw bad(`"${field}" must be a string`);
    }
    if (!(ITEM_KINDS as readonly unknown[]).includes(o.kind)) throw bad(`"kind" must be one of ${ITEM_KINDS.join(', ')}, got ${JSON.stringify(o.kind)}`);
    if (!Array.isArray(o.answers) || !o.answers.every((a) => typeof a === 'string')) throw bad('"answers" must be an array of strings');
    if (o.kind === 'answerable' && o.answers.length === 0) throw bad('an answerable item needs at least one answer in "answers"');
    if (o.correction !== undefined && typeof o.correction !== 'string') throw bad('"correction" must be a string when given');
    if (!(HUMAN_LABELS as readonly unknown[]).includes(o.label)) throw bad(`"label" must be one of ${HUMAN_LABELS.join(', ')}, got ${JSON.stringify(o.label)}`);
    if (o.kind === 'nonexistent' && o.label === 'correct') throw bad('an invented-entity item has no "correct" answer: label a decline "abstained" and a fabrication "incorrect"');
    items.push({
      line,
      question: o.question as string,
      response: o.response as string,
      kind: o.kind as ItemKind,
      answers: o.answers as string[],
      ...(o.correction !== undefined ? { correction: o.correction as string } : {}),
      label: o.label as HumanLabel,
    });
  });
  if (items.length === 0) throw new UsageError(`${name} has no labelled items`);
  return items;
}

/** The item as a sample and transcript, shaped as the hallucination suite's, so judges see the same prompt. */
export function asGradable(item: LabelledItem): { sample: Sample; transcript: Transcript } {
  return {
    sample: {
      id: `line-${item.line}`,
      input: [{ role: 'user', content: item.question }],
      target: item.answers,
      metadata: { kind: item.kind, question: item.question, ...(item.correction !== undefined ? { correction: item.correction } : {}) },
    },
    transcript: { messages: [], generations: [], output: item.response },
  };
}
