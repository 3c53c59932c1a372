import type { Proportion } from '../metrics/proportion.js';

/** "41.2% [36.1, 46.5]", or "n/a" when the denominator was zero. */
export function percentWithCi(p: Proportion): string {
  if (!p.defined) return 'n/a';
  return `${pct(p.p)} [${pct(p.lower)}, ${pct(p.upper)}]`;
}

export function pct(x: number): string {
  return Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

export function signed(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'n/a';
  return (x >= 0 ? '+' : '') + x.toFixed(digits);
}

export function withCi(x: number, lower: number, upper: number, digits = 3): string {
  if (Number.isNaN(x)) return 'n/a';
  return `${signed(x, digits)} [${signed(lower, digits)}, ${signed(upper, digits)}]`;
}
