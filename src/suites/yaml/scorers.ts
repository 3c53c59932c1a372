/**
 * The built-in scorers a suite.yaml names: exact / alias match, regex, the refusal detector,
 * a judge classification with named labels, and a judge rubric of criteria with points.
 */
import type { Sample, Score, Scorer } from '../../core/suite.js';
import { readChoice } from '../../scoring/choice.js';
import { gradeWithClassifier } from '../../scoring/classify.js';
import { normalizeAnswer, matchAlias } from '../../scoring/normalize.js';
import { panelScorer } from '../../scoring/panel.js';
import { refusalScorerNamed } from '../../scoring/refusal/scorer.js';
import { gradeWithRubric } from '../../scoring/rubric.js';
import { scorerName, type ScorerDefinition } from './definition.js';

/** Item fields, the rendered prompt (`input`) and the target, as text for judge prompts. */
export function promptVars(sample: Sample): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(sample.metadata)) if (v !== null && typeof v !== 'object') vars[k] = String(v);
  const lastUser = [...sample.input].reverse().find((m) => m.role === 'user');
  vars.input = lastUser?.content ?? '';
  vars.target = sample.target.join(' | ');
  return vars;
}

export function buildScorer(def: ScorerDefinition): Scorer {
  const name = scorerName(def);
  const done = (outcome: string, value: number | undefined, explanation: string): Score => ({ scorer: name, outcome, ...(value === undefined ? {} : { value }), explanation });
  switch (def.type) {
    case 'match':
      return {
        name,
        async score(sample, transcript) {
          if (sample.target.length === 0) return { scorer: name, outcome: 'unscored', unscoredReason: `sample ${sample.id} has no target to match` };
          const hit = def.mode === 'exact'
            ? sample.target.find((t) => normalizeAnswer(t) === normalizeAnswer(transcript.output)) ?? null
            : matchAlias(transcript.output, sample.target);
          return hit !== null ? done('correct', 1, `matched "${hit}"`) : done('incorrect', 0, `no target matched (${sample.target.map((t) => `"${t}"`).join(', ')})`);
        },
      };
    case 'regex': {
      const re = new RegExp(def.pattern, def.flags);
      return {
        name,
        async score(_sample, transcript) {
          const m = re.exec(transcript.output);
          return m ? done(def.labels.match, 1, `matched /${def.pattern}/: "${m[0].slice(0, 80)}"`) : done(def.labels.otherwise, 0, `no match for /${def.pattern}/`);
        },
      };
    }
    case 'choice':
      return {
        name,
        async score(sample, transcript) {
          const texts = def.options.map((field) => String(sample.metadata[field] ?? ''));
          const read = readChoice(transcript.output, texts);
          if (!read.ok) return { scorer: name, outcome: 'unscored', unscoredReason: `answer not readable by rule: ${read.reason}` };
          const right = sample.target.some((t) => t.trim().toUpperCase() === read.letter || t.trim() === texts[read.index]);
          return done(right ? 'correct' : 'incorrect', right ? 1 : 0, `chose ${read.letter} ("${texts[read.index].slice(0, 80)}")${right ? '' : `; the target is ${sample.target.join(' | ')}`}`);
        },
      };
    case 'refusal':
      // The detector; a case it cannot decide goes to the run's judges, else stays unscored.
      return refusalScorerNamed(name);
    case 'classify':
      return panelScorer(name, (sample, transcript, judge) => gradeWithClassifier(name, def, transcript, judge, promptVars(sample)));
    case 'rubric':
      return panelScorer(name, (sample, transcript, judge) => gradeWithRubric(name, def, sample, transcript, judge), { numeric: true });
  }
}
