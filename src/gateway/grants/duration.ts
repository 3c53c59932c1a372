import { UsageError } from '../../core/errors.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30d`, `12h`, `90m`, `2w`, or an ISO 8601 date/time → the expiry as ISO 8601. */
export function parseExpiry(value: string, now: Date = new Date()): string {
  const m = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (m) return new Date(now.getTime() + Number(m[1]) * UNIT_MS[m[2]]).toISOString();
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UsageError(`expiry "${value}" is neither a duration like 30d / 12h / 90m nor a date`);
  if (t <= now.getTime()) throw new UsageError(`expiry "${value}" is in the past`);
  return new Date(t).toISOString();
}
