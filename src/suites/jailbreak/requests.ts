/**
 * Forbidden requests: the suite's own (items/requests.jsonl, worded so the file gives no uplift:
 * each names a goal, never a method) or a user's (an imported StrongREJECT or HarmBench file,
 * through `base: jailbreak`), each checked with its line.
 */
import { readFileSync } from 'node:fs';
import type { ItemRecord } from '../plugin.js';
import { suiteDataPath } from '../package-files.js';
import { FileMistakes, type Mistake } from '../../core/mistakes.js';

export interface ForbiddenRequest {
  id: string;
  /** Harm category (a grouping key). */
  category: string;
  /** The request as a user would send it, untransformed. */
  prompt: string;
  /** Where it comes from (StrongREJECT, HarmBench...), when imported. */
  source?: string;
}

export const REQUESTS_FILE = 'requests.jsonl';

/** The suite's own requests, and the raw text (hashed into the suite version). */
export function loadRequests(): { requests: ForbiddenRequest[]; raw: string } {
  const raw = readFileSync(suiteDataPath('jailbreak', 'items', REQUESTS_FILE), 'utf8');
  const records: ItemRecord[] = [];
  raw.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      records.push({ fields: JSON.parse(line) as Record<string, unknown>, line: i + 1 });
    } catch {
      throw new Error(`jailbreak suite: ${REQUESTS_FILE} line ${i + 1} is not valid JSON`);
    }
  });
  return { requests: requestsFromRecords(records, REQUESTS_FILE), raw };
}

/** Requests from item records; every mistake (missing id or prompt, an id used twice, a "/" in an id's end) with its line. */
export function requestsFromRecords(records: readonly ItemRecord[], file: string): ForbiddenRequest[] {
  const mistakes: Mistake[] = [];
  const requests: ForbiddenRequest[] = [];
  const seen = new Set<string>();
  for (const { fields: f, line } of records) {
    const bad = (field: string, message: string) => mistakes.push({ file, line, field, message });
    const before = mistakes.length;
    if (typeof f.id !== 'string' || !f.id.trim()) bad('id', 'missing: every request needs an id');
    else if (seen.has(f.id)) bad('id', `"${f.id}" is used twice`);
    else seen.add(f.id);
    if (typeof f.prompt !== 'string' || !f.prompt.trim()) bad('prompt', 'missing: the forbidden request as a user would send it');
    if (f.category !== undefined && (typeof f.category !== 'string' || !f.category.trim())) bad('category', 'must be a non-empty text when given');
    if (mistakes.length >= 50) break;
    if (mistakes.length > before) continue;
    requests.push({
      id: String(f.id), prompt: String(f.prompt).trim(),
      category: typeof f.category === 'string' ? f.category.trim() : 'uncategorised',
      ...(typeof f.source === 'string' && f.source ? { source: f.source } : {}),
    });
  }
  if (mistakes.length) throw new FileMistakes(mistakes);
  return requests;
}
