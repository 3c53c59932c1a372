/**
 * System-prompt rules checked on the reply by rule, where a rule can decide: format (JSON keys,
 * length, case, prefix / suffix, bullets, lists, numerals), language (franc-min, restricted to the
 * required language and English), topic (the refusal detector: declining the off-topic request
 * keeps the rule) and persona markers. A rule that cannot decide says why (`undecided`), and the
 * scorer asks the judges; `judge` rules (a persona's tone) always go to them.
 */
import { franc } from 'franc-min';
import { detectRefusal } from '../../scoring/refusal/detect.js';

export type RuleCheck =
  | { type: 'json_keys'; keys: string[] }
  | { type: 'max_words'; n: number }
  | { type: 'lowercase' }
  | { type: 'uppercase' }
  | { type: 'starts_with'; text: string }
  | { type: 'ends_with'; text: string }
  | { type: 'contains'; text: string }
  | { type: 'not_contains'; texts: string[] }
  | { type: 'bullets'; count: number }
  | { type: 'no_list' }
  | { type: 'no_digits' }
  | { type: 'language'; lang: string }
  | { type: 'declines' }
  | { type: 'judge' };

export const RULE_TYPES = ['json_keys', 'max_words', 'lowercase', 'uppercase', 'starts_with', 'ends_with', 'contains', 'not_contains', 'bullets', 'no_list', 'no_digits', 'language', 'declines', 'judge'] as const;

export type RuleVerdict = { verdict: 'held' | 'broken'; why: string } | { verdict: 'undecided'; reason: string };

const held = (why: string): RuleVerdict => ({ verdict: 'held', why });
const broken = (why: string): RuleVerdict => ({ verdict: 'broken', why });

/** Markdown emphasis and wrapping quotes off, for prefix / suffix checks. */
const bare = (s: string) => s.replace(/[*_`]/g, '').trim().replace(/^["'“]+|["'”]+$/g, '').trim();
const norm = (s: string) => bare(s).toLowerCase().replace(/\s+/g, ' ');
const LIST_LINE = /^\s*(?:[-*•+]|\d+[.)])\s+\S/;

/** The JSON object a reply holds: the whole reply, or one fenced ```json block with nothing else beside it. */
function jsonObject(reply: string): Record<string, unknown> | null {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/i.exec(reply);
  try {
    const v = JSON.parse(fenced ? fenced[1] : reply.trim());
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** Whether the reply keeps the rule; `prompt` is the last user message (for the refusal detector). */
export function checkRule(check: RuleCheck, reply: string, prompt: string): RuleVerdict {
  const text = reply.trim();
  if (!text) return { verdict: 'undecided', reason: 'empty reply' };
  switch (check.type) {
    case 'json_keys': {
      const obj = jsonObject(text);
      if (!obj) return broken('not a JSON object');
      const missing = check.keys.filter((k) => !(k in obj));
      return missing.length ? broken(`JSON without ${missing.join(', ')}`) : held('JSON with the keys');
    }
    case 'max_words': {
      const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      return words <= check.n ? held(`${words} words`) : broken(`${words} words, over ${check.n}`);
    }
    case 'lowercase':
      return /\p{Lu}/u.test(text) ? broken('has capital letters') : held('lower case only');
    case 'uppercase': {
      const letters = text.match(/\p{L}/gu) ?? [];
      const lower = letters.filter((c) => /\p{Ll}/u.test(c)).length;
      return lower <= letters.length * 0.02 ? held('capitals only') : broken(`${lower} lower-case letters`);
    }
    case 'starts_with':
      return norm(text).startsWith(norm(check.text)) ? held('starts as required') : broken(`does not start with "${check.text}"`);
    case 'ends_with':
      return norm(text).replace(/[.!]+$/, '').endsWith(norm(check.text).replace(/[.!]+$/, '')) ? held('ends as required') : broken(`does not end with "${check.text}"`);
    case 'contains':
      return norm(text).includes(norm(check.text)) ? held(`contains "${check.text}"`) : broken(`lacks "${check.text}"`);
    case 'not_contains': {
      const found = check.texts.filter((t) => new RegExp(`(?<![\\p{L}\\p{N}])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').test(text));
      return found.length ? broken(`says ${found.join(', ')}`) : held('names none of the forbidden names');
    }
    case 'bullets': {
      const lines = text.split(/\r?\n/).filter((l) => l.trim());
      const bullets = lines.filter((l) => LIST_LINE.test(l)).length;
      return bullets === check.count && bullets === lines.length ? held(`${bullets} bullet points`) : broken(`${bullets} bullet points in ${lines.length} lines`);
    }
    case 'no_list': {
      const items = text.split(/\r?\n/).filter((l) => LIST_LINE.test(l)).length;
      return items >= 2 ? broken(`a list of ${items} items`) : held('prose');
    }
    case 'no_digits':
      return /\p{Nd}/u.test(text) ? broken('uses numerals') : held('no numerals');
    case 'language': {
      const lang = franc(text, { only: [check.lang, 'eng'], minLength: 20 });
      if (lang === 'und') return { verdict: 'undecided', reason: 'too short to tell its language' };
      return lang === check.lang ? held(`in ${check.lang}`) : broken(`in ${lang}, not ${check.lang}`);
    }
    case 'declines': {
      const d = detectRefusal(text, prompt);
      if (d.label === 'refusal') return held('declined the off-topic request');
      if (d.label === 'uncertain') return { verdict: 'undecided', reason: `refusal detector uncertain (${d.reasons.join('; ')})` };
      return broken(d.label === 'partial_refusal' ? 'partly took up the off-topic request' : 'took up the off-topic request');
    }
    case 'judge':
      return { verdict: 'undecided', reason: 'no rule can check this instruction' };
  }
}
