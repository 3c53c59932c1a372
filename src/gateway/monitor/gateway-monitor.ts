/**
 * The extraction monitor as `gateway serve` runs it: told each grant's plan (every grant in the
 * store at start-up, a grant created through this gateway before its key is handed out, one
 * created through another instance when its first request arrives here), fed every call and
 * every refusal for what a grant forbids, and saved to the gateway store (every
 * `saveEverySeconds` and on close), so a restarted gateway goes on where it stopped.
 *
 * With several gateway instances each keeps its own monitor; the last to save a grant's state
 * wins. Route a grantee's traffic to one instance, or accept per-instance signals.
 */
import type { MonitorAlert, RejectedCall, TrafficRecord } from '../contracts.js';
import { type StoredPrompts, promptsKey } from '../grants/declared-prompts.js';
import type { Grant } from '../grants/grant.js';
import type { TrafficMonitor } from '../hooks.js';
import type { GatewayStore } from '../store/gateway-store.js';
import { planForGrant } from './grant-plan.js';
import { ExtractionMonitor, type GrantSnapshot } from './monitor.js';
import type { MonitorEvent } from './monitor-state.js';
import type { MonitorSettings } from './settings.js';

const SAVED = 'monitor:';

export class GatewayMonitor implements TrafficMonitor {
  private readonly monitor: ExtractionMonitor;
  private readonly planned = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: GatewayStore,
    private readonly settings: MonitorSettings,
    private readonly log: (line: string) => void,
  ) {
    this.monitor = new ExtractionMonitor({ thresholds: settings.thresholds, policy: settings.policy });
  }

  /** Plans every live grant in the store, loads the saved state, and starts saving. */
  static async start(store: GatewayStore, settings: MonitorSettings, log: (line: string) => void = () => undefined): Promise<GatewayMonitor> {
    const m = new GatewayMonitor(store, settings, log);
    for (const { grant } of await store.listGrants()) if (grant.status !== 'revoked') await m.plan(grant);
    let loaded = 0;
    // grantees first: a grant's plan (set above) registers it with its grantee
    for (const prefix of [`${SAVED}grantee:`, `${SAVED}grant:`]) {
      for (const { key, value } of await store.listMonitorDocs(prefix)) {
        try {
          if (m.monitor.loadSaved(key.slice(SAVED.length), value)) loaded++;
        } catch (err) {
          log(`monitor: saved state ${key} not loaded (${(err as Error).message}); it starts afresh`);
        }
      }
    }
    if (loaded) log(`monitor: went on from the saved state of ${loaded} grants and grantees`);
    m.timer = setInterval(() => void m.save(), settings.saveEverySeconds * 1000);
    m.timer.unref();
    return m;
  }

  observe(record: TrafficRecord): MonitorAlert[] {
    this.planLater(record.grantId);
    return this.monitor.observe(record);
  }

  rejected(call: RejectedCall): MonitorAlert[] {
    this.planLater(call.grantId);
    return this.monitor.rejected(call);
  }

  async grantChanged(grant: Grant): Promise<void> {
    if (grant.status === 'revoked') this.monitor.forget(grant.id);
    else if (!this.planned.has(grant.id)) await this.plan(grant);
  }

  snapshot(grantId: string): GrantSnapshot | undefined {
    return this.monitor.snapshot(grantId);
  }

  note(grantId: string, event: Omit<MonitorEvent, 'time'> & { time?: number }): void {
    this.monitor.note(grantId, event);
  }

  /** Writes the state changed since the last save (saves never overlap). */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const changed = this.monitor.takeChanged();
      if (!changed.size) return;
      try {
        await this.store.putMonitorDocs(new Map([...changed].map(([k, v]) => [SAVED + k, v])));
      } catch (err) {
        this.log(`monitor: could not save its state: ${(err as Error).message}`);
      }
    });
    return this.saving;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.save();
  }

  private async plan(grant: Grant): Promise<void> {
    this.planned.add(grant.id);
    let declared: StoredPrompts | null = null;
    if (grant.declaredPrompts) {
      const doc = await this.store.getMonitorDoc(promptsKey(grant.id));
      declared = doc ? (JSON.parse(doc) as StoredPrompts) : null;
      if (!declared) this.log(`monitor: grant ${grant.id} declares ${grant.declaredPrompts.count} prompts but the store has none; it is watched without them`);
    }
    try {
      this.monitor.setPlan(planForGrant(grant, declared));
    } catch (err) {
      this.log(`monitor: grant ${grant.id} has no usable plan (${(err as Error).message}); it is watched as undeclared`);
    }
  }

  /** A grant first seen in traffic (created through another instance): plan it once it is read. */
  private planLater(grantId: string): void {
    if (this.planned.has(grantId)) return;
    this.planned.add(grantId);
    void this.store.getGrant(grantId).then(
      (g) => g && this.plan(g.grant),
      () => undefined,
    );
  }
}
