/**
 * Strict parser for the model grader's reply. Accepts a `GRADE: <LABEL>` line (markdown and a
 * trailing remark allowed) or a line that is a lone label. Anything else — no label, a grade line
 * that is not a single label, or two different labels — is an error, never a guess.
 */
import { GRADE_LABELS, type GradeLabel } from './simpleqa-grader-prompt.js';

export type ParsedGrade = { ok: true; label: GradeLabel } | { ok: false; reason: string };

const LABEL_WORD = /\b(not[ _-]?attempted|incorrect|correct)\b/gi;
const GRADE_LINE = /^(?:final\s+)?grade\s*[:=\-–—]\s*(.*)$/i;
const MAX_QUOTED = 200;

export function parseGraderReply(reply: string): ParsedGrade {
  const lines = reply
    .split(/\r?\n/)
    .map((l) => l.replace(/[*`#>]/g, '').trim())
    .filter((l) => l !== '');
  const labels: GradeLabel[] = [];
  for (const line of lines) {
    const grade = GRADE_LINE.exec(line);
    if (grade) {
      const label = labelAtStart(grade[1]);
      if (label === null && !hasLabelWord(grade[1])) continue; // "Grade: see below" names no grade
      if (label === null) return fail(`grade line is not a single label: "${line}"`);
      labels.push(label);
      continue;
    }
    const lone = loneLabel(line);
    if (lone !== null) labels.push(lone);
  }
  const distinct = [...new Set(labels)];
  if (distinct.length === 1) return { ok: true, label: distinct[0] };
  if (distinct.length > 1) return fail(`grader reply had conflicting labels ${distinct.join(' and ')}: ${quote(reply)}`);
  return fail(`grader reply had no label: ${quote(reply)}`);
}

/** "CORRECT", "correct — matches the target": a label, then nothing that names another label. */
function labelAtStart(text: string): GradeLabel | null {
  const t = stripWrapping(text);
  LABEL_WORD.lastIndex = 0;
  const all = [...t.matchAll(LABEL_WORD)];
  if (all.length !== 1 || all[0].index !== 0) return null;
  return toLabel(all[0][1]);
}

function hasLabelWord(text: string): boolean {
  LABEL_WORD.lastIndex = 0;
  return LABEL_WORD.test(text);
}

function loneLabel(line: string): GradeLabel | null {
  const t = stripWrapping(line).replace(/[.!]+$/, '');
  const m = /^(not[ _-]?attempted|incorrect|correct)$/i.exec(t);
  return m ? toLabel(m[1]) : null;
}

function stripWrapping(text: string): string {
  return text.trim().replace(/^["'“‘([{]+/, '').replace(/["'”’)\]}]+$/, '').trim();
}

function toLabel(word: string): GradeLabel {
  const upper = word.toUpperCase().replace(/[ -]/g, '_').replace(/^NOTATTEMPTED$/, 'NOT_ATTEMPTED');
  return GRADE_LABELS.find((l) => l === upper) as GradeLabel;
}

function fail(reason: string): ParsedGrade {
  return { ok: false, reason };
}

function quote(reply: string): string {
  const oneLine = reply.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > MAX_QUOTED ? `${oneLine.slice(0, MAX_QUOTED)}…` : oneLine);
}
