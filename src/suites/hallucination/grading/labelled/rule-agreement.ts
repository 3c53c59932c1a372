/** The rule grader measured against the labelled grader set (used by its test and by reports). */
import { NO_JUDGES } from '../../../../scoring/panel.js';
import { gradeByRules, hallucinationRuleScorer } from '../rule-scorer.js';
import { measureAgreement, type Agreement, type GradedCase } from './agreement.js';
import { asSuiteCase, loadGraderSet, type GraderSetCase } from './grader-set.js';

export async function gradeSetWithRules(filter: (c: GraderSetCase) => boolean = () => true): Promise<GradedCase[]> {
  const { cases, items } = loadGraderSet();
  const out: GradedCase[] = [];
  for (const c of cases.filter(filter)) {
    const { sample, transcript } = asSuiteCase(c, items);
    const s = await hallucinationRuleScorer.score(sample, transcript, NO_JUDGES);
    out.push({ case: c, outcome: s.outcome, why: s.unscoredReason ?? s.explanation ?? '' });
  }
  return out;
}

export async function ruleGraderAgreement(filter?: (c: GraderSetCase) => boolean): Promise<Agreement> {
  return measureAgreement(await gradeSetWithRules(filter));
}

let measured: string | undefined;

/**
 * The rule grader's agreement with the labelled grader set, in words, for reports: computed
 * from the set each time a process first asks (never typed in), so it stays true as either changes.
 */
export function ruleGraderAgreementNote(): string {
  if (measured === undefined) {
    const { cases, items } = loadGraderSet();
    const a = measureAgreement(cases.map((c) => {
      const { sample, transcript } = asSuiteCase(c, items);
      const s = gradeByRules(sample, transcript);
      return { case: c, outcome: s.outcome, why: s.unscoredReason ?? s.explanation ?? '' };
    }));
    measured = `on the ${a.n} human-labelled answers of the grader set (tricky kinds included) the rule grader decided ` +
      `${pct(a.decidedShare)} and agreed with the human label on ${a.agree} of ${a.decided} it decided (${pct(a.agreementOnDecided)}); ` +
      `${a.flattering.length} of its decisions made an answer look better than the label`;
  }
  return measured;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
