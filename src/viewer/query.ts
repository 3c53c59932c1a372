/**
 * The viewer's sample queries from URL parameters, checked: `model`, `g.KEY=VALUE` for grouping
 * keys the suite declares, `outcome`, `disagree=1`, keyset cursors `after`/`afterEpoch` or
 * `before`/`beforeEpoch`, `limit` (1..200). Anything else is a 400 with the reason.
 */
import type { SampleFilter, SampleKey } from '../store/browse-records.js';
import type { RunView } from './run-context.js';

export const PAGE_SIZE = 50;
const MAX_PAGE = 200;

export class BadQuery extends Error {}
export class NotFound extends Error {}

export function sampleFilter(q: URLSearchParams, view: RunView): SampleFilter {
  const filter: SampleFilter = {};
  const model = q.get('model');
  if (model !== null && model !== '') {
    if (!view.models.some((m) => m.label === model)) throw new BadQuery(`run ${view.run.id} has no model "${model}"`);
    filter.model = model;
  }
  const groups: Record<string, string> = {};
  for (const [k, v] of q) {
    if (!k.startsWith('g.') || v === '') continue;
    const key = k.slice(2);
    if (!view.groups.some((g) => g.key === key)) throw new BadQuery(`the suite has no grouping key "${key}"`);
    groups[key] = v;
  }
  if (Object.keys(groups).length) filter.groups = groups;
  const outcome = q.get('outcome');
  if (outcome !== null && outcome !== '') filter.outcome = outcome;
  if (q.get('disagree') === '1') filter.disagree = true;
  return filter;
}

export function pageCursor(q: URLSearchParams): { after?: SampleKey; before?: SampleKey; limit: number } {
  const key = (id: string, epochParam: string): SampleKey | undefined => {
    const sampleId = q.get(id);
    if (sampleId === null) return undefined;
    const epoch = Number(q.get(epochParam) ?? '1');
    if (!Number.isInteger(epoch) || epoch < 1) throw new BadQuery(`${epochParam} must be a whole number of at least 1`);
    return { sampleId, epoch };
  };
  const after = key('after', 'afterEpoch');
  const before = key('before', 'beforeEpoch');
  if (after && before) throw new BadQuery('give after or before, not both');
  const limit = Number(q.get('limit') ?? PAGE_SIZE);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new BadQuery(`limit must be a whole number from 1 to ${MAX_PAGE}`);
  return { ...(after ? { after } : {}), ...(before ? { before } : {}), limit };
}
