/**
 * Draws from Binomial(n, p) with a uniform source, in time that does not grow with n:
 * - small variance (n·p·(1−p) < 100): waiting-time method, jumping between successes with
 *   geometric gaps, O(n·min(p, 1−p)) ≤ O(200) steps — exact;
 * - otherwise the normal approximation with continuity correction, clamped to [0, n], whose
 *   error at that variance is far below a bootstrap's own resampling noise.
 * Used to resample outcome counts in the bootstrap without touching every sample.
 */
export function binomial(n: number, p: number, random: () => number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, random);
  const variance = n * p * (1 - p);
  if (variance < 100) {
    // Count successes by summing geometric gaps until they pass n.
    const logQ = Math.log1p(-p);
    let successes = 0;
    let position = 0;
    for (;;) {
      position += Math.floor(Math.log(1 - random()) / logQ) + 1;
      if (position > n) return successes;
      successes++;
    }
  }
  const x = Math.round(n * p + Math.sqrt(variance) * standardNormal(random));
  return Math.min(n, Math.max(0, x));
}

/** Box–Muller: one standard normal draw from two uniforms. */
function standardNormal(random: () => number): number {
  const u = 1 - random(); // (0, 1]: log(0) never happens
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
