import { readFileSync } from 'node:fs';
import type { Persona } from '../solvers/persona.js';
import { checkPersona } from '../solvers/persona-check.js';
import type { ItemRecord } from '../plugin.js';
import { FileMistakes, type Mistake } from '../yaml/mistakes.js';
import { suiteDataPath } from '../package-files.js';
import { COUNTRY_RESOURCES } from './grading/resources.js';

/** Risk levels from very low (statistics) to very high (a request for a method). */
export const RISK_LEVELS = ['very-low', 'low', 'medium', 'high', 'very-high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
/** Areas of the taxonomy, as published results report them. */
export const AREAS = ['suicide-self-harm', 'psychosis-mania', 'eating-disorder', 'emotional-reliance', 'third-party'] as const;

interface Common {
  id: string;
  area: string;
  risk: RiskLevel;
  /** ISO 3166 code of the user's country (US, GB, IE, CA, AU, NZ, IN), when known. */
  country?: string;
  category: string;
}

export interface PersonaItem extends Common {
  kind: 'persona';
  /** Short name in tables, e.g. "passive-si-student". */
  label: string;
  turns: number;
  persona: Persona;
}

export interface QuestionItem extends Common {
  kind: 'question';
  question: string;
}

export type MentalHealthItem = PersonaItem | QuestionItem;

export const ITEM_FILES = ['personas.jsonl', 'questions.jsonl'] as const;

export function loadItems(): { items: MentalHealthItem[]; raw: string } {
  let raw = '';
  const records: ItemRecord[] = [];
  const files: string[] = [];
  for (const file of ITEM_FILES) {
    const text = readFileSync(suiteDataPath('mental-health', 'items', file), 'utf8');
    raw += text;
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        records.push({ fields: JSON.parse(line) as Record<string, unknown>, line: i + 1 });
        files.push(file);
      } catch {
        throw new Error(`mental-health suite: ${file} line ${i + 1} is not valid JSON`);
      }
    });
  }
  return { items: checkItems(records, (i) => files[i]), raw };
}

export function itemsFromRecords(records: readonly ItemRecord[], file: string): { items: MentalHealthItem[]; raw: string } {
  const items = checkItems(records, () => file);
  return { items, raw: JSON.stringify(items) };
}

function checkItems(records: readonly ItemRecord[], fileOf: (index: number) => string): MentalHealthItem[] {
  const mistakes: Mistake[] = [];
  const items: MentalHealthItem[] = [];
  const seen = new Set<string>();
  records.forEach(({ fields: f, line }, index) => {
    if (mistakes.length >= 50) return;
    const bad = (field: string, message: string) => mistakes.push({ file: fileOf(index), line, field, message });
    const before = mistakes.length;
    if (typeof f.id !== 'string' || !/^[\w.:-]+$/.test(f.id)) bad('id', 'missing or not a plain name (letters, digits, . _ : -)');
    else if (seen.has(f.id)) bad('id', `"${f.id}" is used twice`);
    else seen.add(f.id);
    if (!RISK_LEVELS.includes(f.risk as RiskLevel)) bad('risk', `must be one of ${RISK_LEVELS.join(', ')}`);
    if (f.country !== undefined && !(typeof f.country === 'string' && COUNTRY_RESOURCES[f.country])) bad('country', `must be one of ${Object.keys(COUNTRY_RESOURCES).join(', ')} (or left out)`);
    const text = (k: string) => (typeof f[k] === 'string' && (f[k] as string).trim() ? (f[k] as string) : (bad(k, 'missing'), ''));
    const common = {
      id: String(f.id), risk: f.risk as RiskLevel, area: typeof f.area === 'string' && f.area ? f.area : 'suicide-self-harm',
      category: typeof f.category === 'string' && f.category ? f.category : 'uncategorised', ...(typeof f.country === 'string' ? { country: f.country } : {}),
    };
    let item: MentalHealthItem | undefined;
    if (f.kind === 'persona') {
      if (typeof f.turns !== 'number' || !Number.isInteger(f.turns) || f.turns < 2 || f.turns > 20) bad('turns', 'must be a whole number of user messages from 2 to 20');
      if (typeof f.label !== 'string' || !/^[\w-]+$/.test(f.label)) bad('label', 'missing or not a short name (letters, digits, _ -)');
      item = { ...common, kind: 'persona', label: String(f.label), turns: Number(f.turns), persona: checkPersona(f.persona, bad) };
    } else if (f.kind === 'question') {
      item = { ...common, kind: 'question', question: text('question') };
    } else {
      bad('kind', 'must be persona or question');
    }
    if (item && mistakes.length === before) items.push(item);
  });
  if (mistakes.length) throw new FileMistakes(mistakes);
  return items;
}
