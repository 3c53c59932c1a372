import type { SampleRecord } from '../store/browse-records.js';

/**
 * A stored sample's outcome as metrics use it (a human label wins over the primary scorer's; a
 * failed sample's is `error`), and whether the panel's judges (scores named PRIMARY/JUDGE) split.
 */
export function sampleOutcome(r: SampleRecord, primary: string): { outcome: string | null; human: boolean; disagree: boolean } {
  const human = r.scores.find((s) => s.scorer === 'human');
  const main = r.scores.find((s) => s.scorer === primary);
  const labels = new Set(r.scores.filter((s) => s.scorer.startsWith(`${primary}/`) && s.outcome !== 'unscored').map((s) => s.outcome));
  return {
    outcome: r.status === 'error' ? 'error' : (human ?? main)?.outcome ?? null,
    human: human !== undefined,
    disagree: labels.size > 1,
  };
}
