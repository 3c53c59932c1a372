import type { MonitorAlert, TrafficRecord } from '../contracts.js';
import type { GatewayContext } from './context.js';
import { isoTime } from './iso-time.js';

/** rpm a throttled grant starts from when it had no rpm limit (then halved). */
export const UNLIMITED_RPM_BASE = 60;

/**
 * Shows one finished call to the monitor; every alert is audited and its action applied:
 * `throttle` halves the grant's rpm, `suspend` suspends the grant (the next request gets 403).
 */
export async function observeTraffic(g: GatewayContext, record: TrafficRecord): Promise<void> {
  let alerts: MonitorAlert[];
  try {
    alerts = g.monitor.observe(record);
  } catch (err) {
    g.log(`monitor failed on grant ${record.grantId}: ${(err as Error).message}`);
    return;
  }
  for (const alert of alerts) {
    try {
      await applyAlert(g, alert);
    } catch (err) {
      g.log(`could not apply monitor alert ${alert.signal} on grant ${alert.grantId}: ${(err as Error).message}`);
    }
  }
}

async function applyAlert(g: GatewayContext, alert: MonitorAlert): Promise<void> {
  const time = isoTime(g.now());
  const { grantId, signal, value, threshold, message, action } = alert;
  await g.trail.append({ kind: 'alert', time, grantId, detail: { signal, value, threshold, message, action } });
  const reason = `monitor: ${signal} ${value} over ${threshold}`;
  if (action === 'suspend') {
    const grant = await g.store.setStatus(grantId, 'suspended', reason, time);
    if (grant) {
      g.streams.grantChanged(grant);
      await g.trail.append({ kind: 'grant_changed', time, grantId, detail: { status: 'suspended', reason } });
    }
  } else if (action === 'throttle') {
    const current = await g.store.getGrant(grantId);
    if (!current) return;
    const before = current.grant.limits.rpm;
    const rpm = Math.max(1, Math.floor((before ?? UNLIMITED_RPM_BASE) / 2));
    await g.store.setLimits(grantId, { ...current.grant.limits, rpm });
    await g.trail.append({ kind: 'grant_changed', time, grantId, detail: { limits: { rpm: { from: before ?? null, to: rpm } }, reason } });
  }
  g.log(`monitor alert on grant ${grantId}: ${signal} (${action})`);
}
