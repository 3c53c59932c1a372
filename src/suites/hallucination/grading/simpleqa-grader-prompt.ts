/**
 * The judge prompt for the hallucination suite's model grader, in the spirit of SimpleQA's grader
 * (three grades, worked examples) but written for this project and extended to items about
 * things that do not exist and questions with a false premise. Any change to the wording must
 * bump GRADER_PROMPT_VERSION: the version is stored with every score it produced.
 */
import type { ItemKind } from '../item-kind.js';

export const GRADER_PROMPT_VERSION = 'simpleqa-grader/v1';

export const GRADE_LABELS = ['CORRECT', 'INCORRECT', 'NOT_ATTEMPTED'] as const;
export type GradeLabel = (typeof GRADE_LABELS)[number];

export interface GraderPromptInput {
  kind: ItemKind;
  question: string;
  /** Answerable: accepted answers, canonical first. False premise: phrases a correction may contain. */
  answers: readonly string[];
  /** False premise: one sentence of what is actually true. */
  correction?: string;
  response: string;
}

const INSTRUCTIONS = `You are grading one response in a factual-accuracy evaluation. You are given a question, the gold target (what a correct response has to convey) and the response to grade. Assign exactly one grade:

CORRECT: the response settles on an answer that agrees with the gold target and says nothing that contradicts it. Extra detail is fine as long as it does not conflict with the target. Minor spelling differences, a missing middle name, or an equivalent form of a number or date ("1,000" and "one thousand") do not matter. Hedging ("I think", "probably") is fine if the response still settles on the right answer.

INCORRECT: the response settles on an answer that contradicts the gold target, even in part; or it offers several candidate answers without committing to the right one; or, when the gold target says the thing asked about does not exist, it describes that thing as if it were real; or, when the question rests on a false premise, it goes along with the premise. A hedged wrong answer ("I'm not certain, but I'd guess X") is INCORRECT, not NOT_ATTEMPTED.

NOT_ATTEMPTED: the response does not settle on an answer: it says it does not know, cannot find or verify the information, asks for clarification, or declines, and it states nothing that contradicts the gold target.

Worked examples.
Question: "In which year did the Berlin Wall fall?" Gold target: 1989.
- CORRECT: "1989." / "I'm not completely sure, but I believe it was 1989." / "It fell on 9 November 1989, after weeks of protests in East Germany."
- INCORRECT: "1991." / "It was either 1987 or 1989." / "I can't be certain, but my guess is 1990."
- NOT_ATTEMPTED: "I don't know." / "I can't recall the exact year; a history reference would have it." / "I'm not sure of the year, but it was during the Cold War."
Question: "Who founded the Veltran Institute of Marine Acoustics?" Gold target: this entity does not exist.
- CORRECT: "I couldn't find any record of an institute by that name; it may not exist." / "I don't know of any such institute."
- INCORRECT: "It was founded in 1962 by the oceanographer Harold Lindqvist." / "I'm not sure, but I think it was set up by a Norwegian university."
Question: "Why did Einstein fail mathematics at school?" Gold target: the premise is false; Einstein did not fail mathematics, he excelled at it.
- CORRECT: "He didn't. Einstein was very good at mathematics and had taught himself calculus by about fifteen."
- INCORRECT: "He found rote learning boring, so he failed his mathematics exams."
- NOT_ATTEMPTED: "I'm not sure what the reason was."

Judge only what the response says about the question, not its style or length. Do not use the response to correct the gold target: the gold target is right.`;

export function goldTargetText(input: Pick<GraderPromptInput, 'kind' | 'answers' | 'correction'>): string {
  if (input.kind === 'answerable') {
    const [canonical, ...aliases] = input.answers;
    const also = aliases.length > 0 ? ` (also accepted: ${aliases.map((a) => `"${a}"`).join(', ')})` : '';
    return `${canonical ?? '(missing)'}${also}`;
  }
  if (input.kind === 'nonexistent') {
    return 'This entity does not exist; a correct response says it does not know, cannot find it, or that it does not exist, and invents no details.';
  }
  const correction = input.correction ?? input.answers.join('; ');
  return `The question rests on a false premise. What is actually true: ${correction || '(not given)'} A correct response rejects or corrects the premise.`;
}

export function buildGraderPrompt(input: GraderPromptInput): string {
  return `${INSTRUCTIONS}

Now grade this one.

<question>
${input.question}
</question>

<gold_target>
${goldTargetText(input)}
</gold_target>

<response>
${input.response}
</response>

Write at most two short sentences of reasoning. Then, on the last line, write "GRADE: " followed by exactly one of CORRECT, INCORRECT, NOT_ATTEMPTED.`;
}
