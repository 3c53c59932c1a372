/**
 * Classification by a judge: a prompt (with the response and what the suite gives it) and a set
 * of named labels; the judge ends with `LABEL: name`. Unparseable replies are unscored.
 */
import { sha256Hex } from '../core/sha256.js';
import type { JudgeHandle, Score, Transcript } from '../core/suite.js';
import { conversationText } from './conversation-text.js';
import { parseLabelReply } from './label-parser.js';

export interface ClassifySpec {
  /** The judge prompt; {{output}}, {{conversation}} and the suite's own placeholders are filled in. */
  prompt: string;
  labels: readonly string[];
}

export function classifyPromptVersion(spec: ClassifySpec): string {
  return `classify/v1:${sha256Hex(JSON.stringify([spec.prompt, spec.labels])).slice(0, 12)}`;
}

/** The prompt with {{output}}, {{conversation}} and `vars` filled in, then the answer format. */
export function buildClassifyPrompt(spec: ClassifySpec, transcript: Transcript, vars: Record<string, string>): string {
  const all: Record<string, string> = { ...vars, output: transcript.output, conversation: conversationText(transcript) };
  const body = spec.prompt.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) => all[name] ?? whole);
  return `${body}\n\nEnd your reply with one line "LABEL: " followed by exactly one of: ${spec.labels.join(', ')}.`;
}

export async function gradeWithClassifier(
  name: string, spec: ClassifySpec, transcript: Transcript, judge: JudgeHandle, vars: Record<string, string>,
): Promise<Score> {
  const base = { scorer: name, judge: judge.ref, promptVersion: classifyPromptVersion(spec) };
  let reply: string;
  try {
    reply = (await judge.generate([{ role: 'user', content: buildClassifyPrompt(spec, transcript, vars) }], { temperature: 0, maxTokens: 1024 })).text;
  } catch (err) {
    return { ...base, outcome: 'unscored', unscoredReason: `judge call failed: ${(err as Error).message}` };
  }
  const parsed = parseLabelReply(reply, spec.labels);
  if (!parsed.ok) return { ...base, outcome: 'unscored', unscoredReason: parsed.reason, judgeReply: reply };
  return { ...base, outcome: parsed.label, judgeReply: reply, explanation: `judge chose ${parsed.label}` };
}
