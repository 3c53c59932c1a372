/**
 * Parser for the model grader's reply. Reads what a careful person would read as one grade:
 *   - a `GRADE: <LABEL>` line (markdown allowed), where the label may be followed by a remark
 *     after a separator ("GRADE: INCORRECT - the response is not correct");
 *   - a letter grade as in the SimpleQA grader prompt, A = CORRECT, B = INCORRECT,
 *     C = NOT_ATTEMPTED ("Grade: A", or a reply that is just "B");
 *   - a line that is a lone label ("CORRECT.");
 *   - a stated verdict ("I would grade this response as CORRECT", "My grade is INCORRECT",
 *     `"grade": "CORRECT"` in a JSON reply).
 * A reasoning model's <think>...</think> block is deliberation, not a grade, and is skipped.
 * Anything else is refused, never guessed: no label, a grade line that is not a single label
 * ("GRADE: CORRECT or INCORRECT", "GRADE: NOT CORRECT"), or two different grades anywhere.
 */
import { GRADE_LABELS, type GradeLabel } from './simpleqa-grader-prompt.js';

export type ParsedGrade = { ok: true; label: GradeLabel } | { ok: false; reason: string };

const LABEL = '(not[ _-]?attempted|incorrect|correct)';
const HEAD = '(?:final\\s+|overall\\s+)?(?:grade|verdict|label|rating|evaluation)';
/** "GRADE: X" at the start of a line (any separator), or after a sentence with a colon or "=". */
const GRADE_LINE = new RegExp(`^${HEAD}\\s*[:=\\-–—：]\\s*(.*)$|(?:^|[.!?]\\s+)${HEAD}\\s*[:=：]\\s*(.*)$`, 'i');
/** A label at the start, then the end or a separator before a remark. */
const LABEL_FIRST = new RegExp(`^${LABEL}(?=$|\\s*[-–—:.,;!(])`, 'i');
/** The SimpleQA letters, then the end, a separator, or the matching label word. */
const LETTER_FIRST = /^([ABC])(?=$|\s*[-–—:.,;)(]|\s+(?:not[ _-]?attempted|incorrect|correct)\b)/;
const LETTER_LABEL: Record<string, GradeLabel> = { A: 'CORRECT', B: 'INCORRECT', C: 'NOT_ATTEMPTED' };
/** Upper-case labels in a remark are grades too ("GRADE: CORRECT. Actually INCORRECT."). */
const SHOUTED_LABEL = /\b(NOT[ _-]?ATTEMPTED|INCORRECT|CORRECT)\b/g;
const VERDICTS = [
  new RegExp(`\\bi(?: would|'d| will|'ll)? (?:grade|rate|mark|label|classify|score|judge|assess)(?: this| the| that| it)?(?: response| answer| one)? as (?:an? )?["'“‘]?${LABEL}\\b`, 'i'),
  new RegExp(`\\b(?:should be|is|be) (?:graded|rated|marked|classified|labell?ed) (?:as )?["'“‘]?${LABEL}\\b`, 'i'),
  new RegExp(`\\b(?:my|the|final|overall) (?:grade|verdict|label|rating|assessment)(?: for (?:this|the) (?:response|answer))?(?:\\s+(?:is|would be)|\\s*:)\\s*["'“‘]?${LABEL}\\b`, 'i'),
  new RegExp(`["']grade["']\\s*:\\s*["']${LABEL}["']`, 'i'),
  /\b(?:my|the|final) grade (?:is|would be) ["'“‘]?([ABC])\b(?![-'’])/,
  /["']grade["']\s*:\s*["']([ABC])["']/,
  /\b(?:grade|rate|mark) (?:this|it|the response|the answer) (?:as )?["'“‘]?([ABC])\b(?![-'’])/,
];
const MAX_QUOTED = 200;

export function parseGraderReply(reply: string): ParsedGrade {
  const lines = reply
    .replace(/<think>[\s\S]*?<\/think>/gi, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/[*`#>_]{2,}|[*`#>]/g, '').trim())
    .filter((l) => l !== '');
  const labels: GradeLabel[] = [];
  for (const line of lines) {
    const grade = GRADE_LINE.exec(line);
    if (grade) {
      const read = readGradeText(grade[1] ?? grade[2]);
      if (read === 'none') continue; // "Grade: see below" names no grade
      if (typeof read === 'object') return fail(`${read.error}: "${line}"`);
      labels.push(read);
      continue;
    }
    const lone = loneLabel(line, lines.length <= 3);
    if (lone !== null) {
      labels.push(lone);
      continue;
    }
    for (const re of VERDICTS) {
      const m = re.exec(line);
      if (m) labels.push(LETTER_LABEL[m[1]] ?? toLabel(m[1]));
    }
  }
  const distinct = [...new Set(labels)];
  if (distinct.length === 1) return { ok: true, label: distinct[0] };
  if (distinct.length > 1) return fail(`grader reply had conflicting labels ${distinct.join(' and ')}: ${quote(reply)}`);
  return fail(`grader reply had no label: ${quote(reply)}`);
}

/** What follows "GRADE:": a label, 'none' (no grade named), or an error. */
function readGradeText(text: string): GradeLabel | 'none' | { error: string } {
  const t = stripWrapping(text);
  const letter = LETTER_FIRST.exec(t);
  const word = LABEL_FIRST.exec(t);
  let label: GradeLabel | null = null;
  let rest = t;
  if (letter) {
    label = LETTER_LABEL[letter[1]];
    rest = t.slice(letter[0].length).replace(/^[\s\-–—:.,;)(]+/, '');
    const named = LABEL_FIRST.exec(rest) ?? new RegExp(`^${LABEL}\\b`, 'i').exec(rest);
    if (named && toLabel(named[1]) !== label) return { error: `letter grade ${letter[1]} contradicts the label ${named[1]}` };
  } else if (word) {
    label = toLabel(word[1]);
    rest = t.slice(word[0].length);
  }
  if (label === null) return new RegExp(`\\b${LABEL}\\b`, 'i').test(t) ? { error: 'grade line is not a single label' } : 'none';
  for (const m of rest.matchAll(SHOUTED_LABEL)) {
    if (toLabel(m[1]) !== label) return { error: `grade line names ${label} and then ${toLabel(m[1])}` };
  }
  return label;
}

/**
 * "CORRECT", "**incorrect**.", "A: CORRECT" (letter and label must agree), and — in a short reply —
 * a bare SimpleQA letter.
 */
function loneLabel(line: string, letterAllowed: boolean): GradeLabel | null {
  const t = stripWrapping(line).replace(/[.!]+$/, '');
  const m = new RegExp(`^${LABEL}$`, 'i').exec(t);
  if (m) return toLabel(m[1]);
  const pair = new RegExp(`^([ABC])\\s*[:).\\-–—]\\s*${LABEL}$`, 'i').exec(t);
  if (pair && LETTER_LABEL[pair[1].toUpperCase()] === toLabel(pair[2])) return toLabel(pair[2]);
  return letterAllowed && /^[ABC]$/.test(t) ? LETTER_LABEL[t] : null;
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
