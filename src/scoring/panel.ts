import type { Outcome } from '../core/outcome.js';
import type { JudgeHandle, PanelOptions, Sample, Score, Scorer, ScorerContext, Transcript } from '../core/suite.js';
import { blind } from './blind.js';

/** A context with no judges: rule scorers only. */
export const NO_JUDGES: ScorerContext = { judges: [], panel: { rule: 'majority', excludeSameLab: false }, targetLab: 'unknown', identities: [] };

/** One judge's grade of one transcript. */
export type JudgeGrader = (sample: Sample, transcript: Transcript, judge: JudgeHandle) => Promise<Score>;

/**
 * A scorer that asks every judge of the panel, independently and blind, and combines their
 * grades into one verdict. Each judge's own score is kept (as `parts`, stored as rows named
 * `NAME/JUDGE`) with its reply and prompt version; the verdict says how it was reached.
 */
export function panelScorer(name: string, grade: JudgeGrader, opts: { numeric?: boolean } = {}): Scorer {
  return {
    name,
    needsJudge: true,
    async score(sample, transcript, ctx) {
      const judges = ctx.panel.excludeSameLab
        ? ctx.judges.filter((j) => j.lab === 'unknown' || j.lab !== ctx.targetLab)
        : ctx.judges;
      if (judges.length === 0) {
        const reason = ctx.judges.length ? `every judge is from the target's lab (${ctx.targetLab}) and same-lab judges are excluded` : 'no judge configured';
        return { scorer: name, outcome: 'unscored', unscoredReason: reason };
      }
      const { transcript: blinded, redactions } = blindTranscript(transcript, ctx.identities);
      const parts = await Promise.all(
        judges.map(async (judge) => ({ ...(await grade(sample, blinded, judge)), scorer: `${name}/${judge.label}`, judge: judge.ref })),
      );
      const verdict = opts.numeric ? combineNumeric(name, parts, ctx.panel.rule) : combine(name, parts, ctx.panel.rule);
      return { ...verdict, parts, ...(redactions.length ? { redactions } : {}) };
    },
  };
}

/**
 * The panel verdict. A quorum of more than half the judges must give a parseable grade; then
 * `majority` needs one outcome from more than half of those grades (a tie is unscored),
 * `unanimous` needs all of them to agree, and `mean` averages numeric values (for rubrics),
 * calling the item correct when the mean exceeds 0.5.
 */
export function combine(name: string, parts: Score[], rule: PanelOptions['rule']): Score {
  const scored = parts.filter((p) => p.outcome !== 'unscored');
  const quorum = Math.floor(parts.length / 2) + 1;
  const unscored = (reason: string): Score => ({ scorer: name, outcome: 'unscored', unscoredReason: reason });
  if (scored.length < quorum) {
    return unscored(`only ${scored.length} of ${parts.length} judges gave a parseable grade (need ${quorum})`);
  }
  const tally = new Map<Outcome, number>();
  for (const p of scored) tally.set(p.outcome, (tally.get(p.outcome) ?? 0) + 1);
  const summary = [...tally].map(([o, n]) => `${n} ${o}`).join(', ');

  if (rule === 'mean') {
    const mean = scored.reduce((s, p) => s + (p.value ?? (p.outcome === 'correct' ? 1 : 0)), 0) / scored.length;
    const outcome: Outcome = mean > 0.5 ? 'correct' : mostCommonOther(tally);
    return { scorer: name, outcome, value: mean, explanation: `mean of ${scored.length} judges = ${mean.toFixed(3)} (${summary})` };
  }
  const [top, count] = [...tally].sort((a, b) => b[1] - a[1])[0];
  if (rule === 'unanimous' && count !== scored.length) return unscored(`judges disagree and the panel needs unanimity: ${summary}`);
  if (count * 2 <= scored.length) return unscored(`no majority among judges: ${summary}`);
  return { scorer: name, outcome: top, value: top === 'correct' ? 1 : 0, explanation: `${rule} of ${scored.length} judges: ${summary}` };
}

/**
 * A numeric panel verdict (rubrics): the outcome as `combine` decides it, the value and each
 * detail the mean over the judges that gave a parseable grade.
 */
export function combineNumeric(name: string, parts: Score[], rule: PanelOptions['rule']): Score {
  const verdict = combine(name, parts, rule === 'mean' ? 'majority' : rule);
  if (verdict.outcome === 'unscored') return verdict;
  const scored = parts.filter((p) => p.outcome !== 'unscored' && typeof p.value === 'number');
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const keys = [...new Set(scored.flatMap((p) => Object.keys(p.details ?? {})))];
  const details = Object.fromEntries(keys.map((k) => [k, mean(scored.map((p) => Number(p.details?.[k] ?? 0)))]));
  const value = mean(scored.map((p) => p.value!));
  return { ...verdict, value, ...(keys.length ? { details } : {}), explanation: `${verdict.explanation}; mean score ${value.toFixed(3)}` };
}

/** What judges see: the transcript with self-identifying text removed from every assistant message. */
export function blindTranscript(transcript: Transcript, identities: readonly string[]): { transcript: Transcript; redactions: string[] } {
  const redactions: string[] = [];
  const output = blind(transcript.output, identities);
  redactions.push(...output.redactions);
  const messages = transcript.messages.map((m) => {
    if (m.role !== 'assistant') return m;
    const b = blind(m.content, identities);
    return { ...m, content: b.text };
  });
  return { transcript: { ...transcript, output: output.text, messages }, redactions };
}

function mostCommonOther(tally: Map<Outcome, number>): Outcome {
  const incorrect = tally.get('incorrect') ?? 0;
  const abstained = tally.get('abstained') ?? 0;
  return abstained > incorrect ? 'abstained' : 'incorrect';
}
