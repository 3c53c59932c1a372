import type { Sample } from '../core/suite.js';

/**
 * Picks the samples a run uses: those in the chosen categories (or kinds), then the first
 * `limit` taken round-robin across kinds so a small run still covers every kind.
 */
export function selectSamples(samples: Sample[], opts: { limit?: number; category?: string[] }): Sample[] {
  let chosen = samples;
  if (opts.category?.length) {
    const wanted = new Set(opts.category.map((c) => c.toLowerCase()));
    chosen = chosen.filter(
      (s) => wanted.has(String(s.metadata.category ?? '').toLowerCase()) || wanted.has(String(s.metadata.kind ?? '').toLowerCase()),
    );
  }
  if (opts.limit === undefined || opts.limit >= chosen.length) return chosen;
  return roundRobinByKind(chosen).slice(0, opts.limit);
}

function roundRobinByKind(samples: Sample[]): Sample[] {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const k = String(s.metadata.kind ?? '');
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(s);
  }
  const queues = [...groups.values()];
  const out: Sample[] = [];
  for (let i = 0; out.length < samples.length; i++) {
    for (const q of queues) if (i < q.length) out.push(q[i]);
  }
  return out;
}
