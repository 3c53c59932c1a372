/**
 * The `model-grader` scorer: a judge model grades each response CORRECT / INCORRECT /
 * NOT_ATTEMPTED against the gold target (SimpleQA-style). An unparseable reply or a failed judge
 * call is `unscored` with its reason, never a guessed grade.
 */
import type { Outcome } from '../../../core/outcome.js';
import type { Sample, Scorer } from '../../../core/suite.js';
import { panelScorer, type JudgeGrader } from '../../../scoring/panel.js';
import { parseGraderReply } from './grade-parser.js';
import { itemKind, unknownKindReason, type ItemKind } from '../item-kind.js';
import { buildGraderPrompt, GRADER_PROMPT_VERSION, type GradeLabel } from './simpleqa-grader-prompt.js';

export { GRADER_PROMPT_VERSION } from './simpleqa-grader-prompt.js';

export const MODEL_GRADER_NAME = 'model-grader';
/** Room for two sentences of reasoning and the grade line, with slack for verbose judges. */
export const GRADER_MAX_TOKENS = 1024;

/** One judge's SimpleQA-style grade; the panel (src/scoring/panel.ts) asks every judge. */
export const gradeWithSimpleQa: JudgeGrader = async (sample, transcript, judge) => {
    const base = { scorer: MODEL_GRADER_NAME, judge: judge.ref, promptVersion: GRADER_PROMPT_VERSION };
    const kind = itemKind(sample);
    if (kind === null) return { ...base, outcome: 'unscored', unscoredReason: unknownKindReason(sample) };

    const prompt = buildGraderPrompt({
      kind,
      question: questionOf(sample),
      answers: sample.target,
      correction: typeof sample.metadata.correction === 'string' ? sample.metadata.correction : undefined,
      response: transcript.output,
    });
    let reply: string;
    try {
      const generation = await judge.generate([{ role: 'user', content: prompt }], {
        temperature: 0,
        maxTokens: GRADER_MAX_TOKENS,
      });
      reply = generation.text;
    } catch (err) {
      return { ...base, outcome: 'unscored', unscoredReason: `judge call failed: ${(err as Error).message}` };
    }

    const parsed = parseGraderReply(reply);
    if (!parsed.ok) return { ...base, outcome: 'unscored', unscoredReason: parsed.reason, judgeReply: reply };
    const outcome = outcomeFor(parsed.label, kind);
    return {
      ...base,
      outcome,
      value: outcome === 'correct' ? 1 : 0,
      explanation: explain(parsed.label, kind, outcome),
      judgeReply: reply,
    };
};

/** The `model-grader` scorer: every judge of the run's panel grades blind; the panel decides. */
export const simpleqaGrader: Scorer = panelScorer(MODEL_GRADER_NAME, gradeWithSimpleQa);

/**
 * The judge's grade as an outcome. On an invented-entity item the model was told "I don't know"
 * earns 0, so declining (which the prompt grades CORRECT there, or NOT_ATTEMPTED) is `abstained`
 * and a fabrication `incorrect`: no outcome there is `correct`.
 */
export function outcomeFor(label: GradeLabel, kind: ItemKind): Exclude<Outcome, 'unscored'> {
  if (label === 'INCORRECT') return 'incorrect';
  if (kind === 'nonexistent') return 'abstained';
  return label === 'CORRECT' ? 'correct' : 'abstained';
}

function explain(label: GradeLabel, kind: ItemKind, outcome: Outcome): string {
  if (kind === 'nonexistent' && outcome === 'abstained') {
    return `judge graded ${label}: the response declined an entity that does not exist, which earns 0 as the model was told (abstained)`;
  }
  return `judge graded ${label} (${kind} item) → ${outcome}`;
}

/** The question as asked: metadata.question when the suite kept it, else the last user message. */
function questionOf(sample: Sample): string {
  if (typeof sample.metadata.question === 'string') return sample.metadata.question;
  const users = sample.input.filter((m) => m.role === 'user');
  return users[users.length - 1]?.content ?? '';
}
