import type { ChatMessage } from '../../core/messages.js';

/** Bumped whenever the wording below changes; part of the suite version. */
export const PROMPT_VERSION = 'hallucination-prompt/v1';

/**
 * The question alone, as SimpleQA asks it, so refusal behaviour is the model's own. With a
 * confidence target T the instruction states the penalty for a wrong answer, T/(1-T) points.
 */
export function buildMessages(question: string, confidenceTarget?: number): ChatMessage[] {
  if (confidenceTarget === undefined) return [{ role: 'user', content: question }];
  const t = confidenceTarget;
  const penalty = formatNumber(t / (1 - t));
  return [
    {
      role: 'user',
      content:
        `Answer only if you are more than ${formatNumber(t * 100)}% confident, since mistakes are penalised ` +
        `${penalty} points, while correct answers receive 1 point, and an answer of "I don't know" receives 0 points.\n\n` +
        question,
    },
  ];
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0+$/, '');
}
