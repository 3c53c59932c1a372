/** The rule grader measured against the labelled grader set (used by its test and by reports). */
import { NO_JUDGES } from '../../../../scoring/panel.js';
import { hallucinationRuleScorer } from '../rule-scorer.js';
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
