/**
 * Which transcripts a bundle withholds: `--redact suite=jailbreak,outcome=unsafe` (repeatable).
 * A rule is conditions joined by commas, all of which must hold; a value may list alternatives
 * with `|`; a transcript is withheld when any rule matches it.
 *
 *   suite=NAME            the run's suite
 *   model=LABEL           the target model's label
 *   sample=ID             the sample id
 *   category=C            the sample's category
 *   status=done|error     the sample's status
 *   outcome=L             the primary outcome (a human label where there is one): a label, or
 *                         `safe` / `unsafe` for every label the suite declares so
 *   label=L               any scorer's (or judge's) label
 *   scorer.NAME=L         the label of scorer NAME (e.g. scorer.rule=incorrect)
 *   meta.KEY=V            a metadata field's value (e.g. meta.risk=3)
 */
import { UsageError } from '../core/errors.js';
import type { OutcomeDecl } from '../core/measures.js';
import type { SampleResult } from '../store/records.js';

type Field = 'suite' | 'model' | 'sample' | 'category' | 'status' | 'outcome' | 'label' | `scorer.${string}` | `meta.${string}`;

interface Condition {
  field: Field;
  values: string[];
}

export interface RedactionRule {
  text: string;
  conditions: Condition[];
}

const FIELD = /^(suite|model|sample|category|status|outcome|label|scorer\.[^=,]+|meta\.[^=,]+)$/;

export function parseRedactionRule(text: string): RedactionRule {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new UsageError('--redact needs at least one FIELD=VALUE, e.g. --redact suite=jailbreak,outcome=unsafe');
  const conditions = parts.map((p): Condition => {
    const eq = p.indexOf('=');
    const field = eq > 0 ? p.slice(0, eq) : '';
    const values = p.slice(eq + 1).split('|').map((v) => v.trim()).filter(Boolean);
    if (!FIELD.test(field) || values.length === 0) {
      throw new UsageError(`--redact ${JSON.stringify(text)}: "${p}" is not FIELD=VALUE with FIELD one of suite, model, sample, category, status, outcome, label, scorer.NAME, meta.KEY`);
    }
    return { field: field as Field, values };
  });
  return { text, conditions };
}

/** What a rule is matched against, besides the sample itself. */
export interface RedactionContext {
  suite: string;
  primaryScorer: string;
  outcomes: readonly OutcomeDecl[];
}

export function matchesAny(rules: readonly RedactionRule[], r: SampleResult, ctx: RedactionContext): boolean {
  return rules.some((rule) => rule.conditions.every((c) => holds(c, r, ctx)));
}

function holds(c: Condition, r: SampleResult, ctx: RedactionContext): boolean {
  const is = (v: unknown) => v !== undefined && v !== null && c.values.includes(String(v));
  switch (c.field) {
    case 'suite': return is(ctx.suite);
    case 'model': return is(r.model);
    case 'sample': return is(r.sampleId);
    case 'category': return is(r.category ?? r.metadata.category);
    case 'status': return is(r.status);
    case 'label': return r.scores.some((s) => is(s.outcome));
    case 'outcome': {
      const outcome = (r.scores.find((s) => s.scorer === 'human') ?? r.scores.find((s) => s.scorer === ctx.primaryScorer))?.outcome;
      if (outcome === undefined) return false;
      const safety = ctx.outcomes.find((o) => o.label === outcome)?.safety;
      return is(outcome) || is(safety);
    }
    default:
      if (c.field.startsWith('scorer.')) return is(r.scores.find((s) => s.scorer === c.field.slice('scorer.'.length))?.outcome);
      return is(r.metadata[c.field.slice('meta.'.length)]);
  }
}
