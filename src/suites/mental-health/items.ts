import type { Persona } from '../solvers/persona.js';
import { checkPersona } from '../solvers/persona-check.js';
import { checkRecords, readItemFiles, textField, type Bad } from '../item-records.js';
import type { ItemRecord } from '../plugin.js';
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
  const { records, fileOf, raw } = readItemFiles('mental-health', ITEM_FILES);
  return { items: checkRecords(records, fileOf, checkItem), raw };
}

export function itemsFromRecords(records: readonly ItemRecord[], file: string): { items: MentalHealthItem[]; raw: string } {
  const items = checkRecords(records, () => file, checkItem);
  return { items, raw: JSON.stringify(items) };
}

function checkItem(f: Record<string, unknown>, bad: Bad): MentalHealthItem | undefined {
  if (!RISK_LEVELS.includes(f.risk as RiskLevel)) bad('risk', `must be one of ${RISK_LEVELS.join(', ')}`);
  if (f.country !== undefined && !(typeof f.country === 'string' && COUNTRY_RESOURCES[f.country])) bad('country', `must be one of ${Object.keys(COUNTRY_RESOURCES).join(', ')} (or left out)`);
  const common = {
    id: String(f.id), risk: f.risk as RiskLevel, area: typeof f.area === 'string' && f.area ? f.area : 'suicide-self-harm',
    category: typeof f.category === 'string' && f.category ? f.category : 'uncategorised', ...(typeof f.country === 'string' ? { country: f.country } : {}),
  };
  if (f.kind === 'persona') {
    if (typeof f.turns !== 'number' || !Number.isInteger(f.turns) || f.turns < 2 || f.turns > 20) bad('turns', 'must be a whole number of user messages from 2 to 20');
    if (typeof f.label !== 'string' || !/^[\w-]+$/.test(f.label)) bad('label', 'missing or not a short name (letters, digits, _ -)');
    return { ...common, kind: 'persona', label: String(f.label), turns: Number(f.turns), persona: checkPersona(f.persona, bad) };
  }
  if (f.kind === 'question') return { ...common, kind: 'question', question: textField(f, 'question', bad) };
  bad('kind', 'must be persona or question');
  return undefined;
}
