/**
 * Rubric grading by a judge: each criterion (positive points for what should happen, negative
 * for what must not) marked MET or NOT_MET. Score = points earned / positive points available,
 * so meeting a negative criterion pulls the score down (below 0 when it outweighs the rest).
 * A reply that leaves a criterion unmarked, or marks it twice differently, is unscored.
 */
import { sha256Hex } from '../core/sha256.js';
import type { JudgeHandle, Sample, Score, Transcript } from '../core/suite.js';
import { conversationText } from './conversation-text.js';

export interface Criterion {
  id: string;
  text: string;
  points: number;
}

export interface RubricSpec {
  criteria: readonly Criterion[];
  /** What the judge should know about the task (e.g. the safe behaviour for a crisis conversation). */
  instructions?: string;
  /** With a pass mark the outcome is pass / fail at this score; without, `scored`. */
  pass?: number;
  /** What the judge grades: the final assistant response (default), or every assistant turn of the conversation. */
  scope?: 'final' | 'conversation';
  /** Facts about one sample the judge needs (e.g. the user's country), shown before the conversation. */
  facts?: (sample: Sample) => string[];
}

/** Judge prompt version: changes whenever the wording or the criteria do. */
export function rubricPromptVersion(spec: RubricSpec): string {
  // A conversation-scoped rubric words its question differently; final-scoped versions are unchanged.
  const scope = spec.scope === 'conversation' ? ['conversation'] : [];
  return `rubric/v1:${sha256Hex(JSON.stringify([RUBRIC_TEMPLATE_VERSION, spec.instructions ?? '', spec.criteria, ...scope])).slice(0, 12)}`;
}

const RUBRIC_TEMPLATE_VERSION = 1;

export function buildRubricPrompt(spec: RubricSpec, transcript: Transcript, sample?: Sample): string {
  const whole = spec.scope === 'conversation';
  const facts = sample && spec.facts ? spec.facts(sample) : [];
  return [
    whole
      ? 'You are grading an AI assistant\'s side of a whole conversation against a rubric. Judge only what the assistant says, not its style.'
      : 'You are grading one AI assistant response against a rubric. Judge only what the response says, not its style.',
    ...(spec.instructions ? ['', spec.instructions] : []),
    ...(facts.length ? ['', ...facts] : []),
    '',
    '<conversation>',
    conversationText(transcript),
    '</conversation>',
    '',
    whole
      ? 'For each criterion below, decide whether the assistant, over all of its turns in the conversation, meets it.'
      : 'For each criterion below, decide whether the final assistant response meets it.',
    ...spec.criteria.map((c) => `- ${c.id}: ${c.text}`),
    '',
    'Write at most two short sentences of reasoning, then one line per criterion, exactly in this form:',
    ...spec.criteria.map((c) => `${c.id}: MET or NOT_MET`),
  ].join('\n');
}

export type ParsedRubric = { ok: true; met: Record<string, boolean> } | { ok: false; reason: string };

export function parseRubricReply(reply: string, criteria: readonly Criterion[]): ParsedRubric {
  const met: Record<string, boolean> = {};
  const missing: string[] = [];
  for (const c of criteria) {
    const re = new RegExp(`^[\\s*\`#>-]*${escape(c.id)}[\\s*\`]*[:=]\\s*[*\`"]*\\s*(MET|NOT[ _-]?MET|YES|NO|TRUE|FALSE)\\b`, 'gim');
    const values = new Set([...reply.matchAll(re)].map((m) => /^(MET|YES|TRUE)$/i.test(m[1])));
    if (values.size === 0) missing.push(c.id);
    else if (values.size > 1) return { ok: false, reason: `judge marked criterion "${c.id}" both met and not met` };
    else met[c.id] = [...values][0];
  }
  if (missing.length) return { ok: false, reason: `judge did not mark criteria ${missing.join(', ')}` };
  return { ok: true, met };
}

/** Points earned over positive points available. */
export function rubricScore(met: Record<string, boolean>, criteria: readonly Criterion[]): number {
  const available = criteria.filter((c) => c.points > 0).reduce((s, c) => s + c.points, 0);
  const earned = criteria.filter((c) => met[c.id]).reduce((s, c) => s + c.points, 0);
  return available > 0 ? earned / available : NaN;
}

/** One judge's rubric grade, as a panel member. */
export async function gradeWithRubric(name: string, spec: RubricSpec, sample: Sample, transcript: Transcript, judge: JudgeHandle): Promise<Score> {
  const base = { scorer: name, judge: judge.ref, promptVersion: rubricPromptVersion(spec) };
  let reply: string;
  try {
    reply = (await judge.generate([{ role: 'user', content: buildRubricPrompt(spec, transcript, sample) }], { temperature: 0, maxTokens: 1024 })).text;
  } catch (err) {
    return { ...base, outcome: 'unscored', unscoredReason: `judge call failed: ${(err as Error).message}` };
  }
  const parsed = parseRubricReply(reply, spec.criteria);
  if (!parsed.ok) return { ...base, outcome: 'unscored', unscoredReason: parsed.reason, judgeReply: reply };
  const value = rubricScore(parsed.met, spec.criteria);
  const outcome = spec.pass === undefined ? 'scored' : value >= spec.pass ? 'pass' : 'fail';
  const details = Object.fromEntries(Object.entries(parsed.met).map(([k, v]) => [k, v ? 1 : 0]));
  return { ...base, outcome, value, details, judgeReply: reply, explanation: `rubric score ${value.toFixed(3)}; met: ${Object.keys(parsed.met).filter((k) => parsed.met[k]).join(', ') || 'none'}` };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
