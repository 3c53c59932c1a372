/**
 * ISO 8601 time of a millisecond clock reading, remembering the last one: Date#toISOString showed
 * up in the gateway's profile, and under load many leaves are stamped within the same millisecond.
 */
let lastMs = Number.NaN;
let lastIso = '';

export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}
