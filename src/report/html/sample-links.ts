/**
 * Links from a number to the samples behind it. The same query names the samples whether they
 * are embedded in the report (`#samples?...`) or served by `crosscheck view` (`URL/#/run/ID?...`):
 * a model, grouping values (`g.KEY=VALUE`), an outcome, judge disagreement.
 */

export interface SampleLink {
  model?: string;
  groups?: Record<string, string>;
  outcome?: string;
  disagree?: boolean;
}

export function sampleQuery(link: SampleLink): string {
  const q = new URLSearchParams();
  if (link.model !== undefined) q.set('model', link.model);
  for (const [k, v] of Object.entries(link.groups ?? {})) q.set(`g.${k}`, v);
  if (link.outcome !== undefined) q.set('outcome', link.outcome);
  if (link.disagree) q.set('disagree', '1');
  return q.toString();
}

export function parseSampleQuery(query: string): SampleLink {
  const q = new URLSearchParams(query);
  const groups: Record<string, string> = {};
  for (const [k, v] of q) if (k.startsWith('g.') && k.length > 2) groups[k.slice(2)] = v;
  return {
    ...(q.has('model') ? { model: q.get('model')! } : {}),
    ...(Object.keys(groups).length ? { groups } : {}),
    ...(q.has('outcome') ? { outcome: q.get('outcome')! } : {}),
    ...(q.get('disagree') === '1' ? { disagree: true } : {}),
  };
}

/** Where sample links point: into the page, or to a running viewer. */
export type LinkTarget = { kind: 'embedded' } | { kind: 'viewer'; url: string; runId: string };

export function linkTo(target: LinkTarget): (link: SampleLink) => string {
  if (target.kind === 'embedded') return (link) => `#samples?${sampleQuery(link)}`;
  const base = target.url.replace(/\/+$/, '');
  return (link) => `${base}/#/run/${encodeURIComponent(target.runId)}?${sampleQuery(link)}`;
}

/** One sample, every model side by side, in the viewer. */
export function viewerSampleUrl(url: string, runId: string, sampleId: string, epoch: number): string {
  return `${url.replace(/\/+$/, '')}/#/run/${encodeURIComponent(runId)}/sample/${encodeURIComponent(sampleId)}/${epoch}`;
}
