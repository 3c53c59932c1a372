import type { MetricValue } from '../core/measures.js';

/** A number with its 95% interval where it has one, and whether it is a share (drawn as a percentage). */
export interface Point {
  value: number;
  lower: number | null;
  upper: number | null;
  share: boolean;
}

export function pointOf(v: MetricValue): Point | null {
  switch (v.type) {
    case 'proportion':
      return v.defined && Number.isFinite(v.p) ? { value: v.p, lower: v.lower, upper: v.upper, share: true } : null;
    case 'score':
      return Number.isFinite(v.value) ? { value: v.value, lower: v.lower, upper: v.upper, share: false } : null;
    case 'number':
      return Number.isFinite(v.value) ? { value: v.value, lower: v.lower ?? null, upper: v.upper ?? null, share: false } : null;
    case 'count':
      return { value: v.value, lower: null, upper: null, share: false };
  }
}
