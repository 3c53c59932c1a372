import type { MonitorAlert, TrafficRecord } from '../contracts.js';
import type { Facts } from './audited-reply.js';
import type { GatewayContext } from './context.js';
import type { GatewayError } from './gateway-error.js';
import { isoTime } from './iso-time.js';

/** rpm a throttled grant starts from when it had no rpm limit (then halved). */
export const UNLIMITED_RPM_BASE = 60;

/**
 * Refusals for what a grant forbids (grants/policy.ts, allow-list mode in grants/request-schema.ts,
 * or a wrong type in a field the grant restricts): asking again and again is a monitor signal.
 */
const FORBIDDEN = new Set(['parameter_not_allowed', 'model_not_found']);

/**
 * Shows one finished call to the monitor; every alert is audited and its action applied:
 * `throttle` halves the grant's rpm, `suspend` suspends the grant (the next request gets 403).
 * An alert on a grantee signal applies to each of the grantee's grants it names.
 */
export async function observeTraffic(g: GatewayContext, record: TrafficRecord): Promise<void> {
  await applyAll(g, record.grantId, () => g.monitor.observe(record));
}

/** Shows the monitor a request refused for what its grant forbids (after the refusal went out). */
export async function observeRefusal(g: GatewayContext, facts: Facts, err: GatewayError): Promise<void> {
  if (!facts.grantId || !(FORBIDDEN.has(err.code) || err.extra.forbidden) || !g.monitor.rejected) return;
  const code = err.extra.forbidden && err.extra.param ? `${err.code}:${err.extra.param}` : err.code;
  const call = { grantId: facts.grantId, grantee: facts.grantee, time: g.now(), code };
  await applyAll(g, facts.grantId, () => g.monitor.rejected!(call));
}

async function applyAll(g: GatewayContext, grantId: string, raise: () => MonitorAlert[]): Promise<void> {
  let alerts: MonitorAlert[];
  try {
    alerts = raise();
  } catch (err) {
    g.log(`monitor failed on grant ${grantId}: ${(err as Error).message}`);
    return;
  }
  for (const alert of alerts) {
    for (const id of alert.grantIds?.length ? alert.grantIds : [alert.grantId]) {
      try {
        await applyAlert(g, alert, id);
      } catch (err) {
        g.log(`could not apply monitor alert ${alert.signal} on grant ${id}: ${(err as Error).message}`);
      }
    }
  }
}

async function applyAlert(g: GatewayContext, alert: MonitorAlert, grantId: string): Promise<void> {
  const time = isoTime(g.now());
  const { signal, value, threshold, message, action } = alert;
  const scope = alert.grantee ? { grantee: alert.grantee, raisedOn: alert.grantId } : {};
  await g.trail.append({ kind: 'alert', time, grantId, detail: { signal, value, threshold, message, action, ...scope } });
  const reason = `monitor: ${signal} ${value} over ${threshold}`;
  let done = 'alert raised';
  if (action === 'suspend') {
    const before = await g.store.getGrant(grantId);
    if (before && before.grant.status === 'active') {
      const grant = await g.store.setStatus(grantId, 'suspended', reason, time);
      if (grant) {
        g.streams.grantChanged(grant); // its open streams end now, each with an error event and a response leaf
        await g.trail.append({ kind: 'grant_changed', time, grantId, detail: { status: 'suspended', reason } });
      }
      done = 'grant suspended';
    } else {
      done = `not suspended: grant is ${before?.grant.status ?? 'gone'}`;
    }
  } else if (action === 'throttle') {
    const current = await g.store.getGrant(grantId);
    if (!current) return;
    const limits = current.grant.limits;
    const rpm = Math.max(1, Math.floor((limits.rpm ?? UNLIMITED_RPM_BASE) / 2));
    // the limits from before the first throttle are kept, so a resume can put them back
    await g.store.setLimits(grantId, { ...limits, rpm }, { limitsBeforeThrottle: current.grant.limitsBeforeThrottle ?? limits });
    await g.trail.append({ kind: 'grant_changed', time, grantId, detail: { limits: { rpm: { from: limits.rpm ?? null, to: rpm } }, reason } });
    done = `rpm ${limits.rpm ?? 'unlimited'} → ${rpm}`;
  }
  g.monitor.note?.(grantId, { kind: 'action', signal, action, text: done });
  g.log(`monitor alert on grant ${grantId}: ${signal} (${action}: ${done})`);
}
