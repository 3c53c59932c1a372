/**
 * Traffic replay: drives the real gateway (`crosscheck gateway serve`, in this process, with its
 * audit log, SQLite store and extraction monitor) on loopback in front of the fake OpenAI and
 * Anthropic upstreams (test doubles), with each traffic class on grants of its own, through the
 * official SDKs; then reads what the monitor raised through the admin API. A class run is
 * *flagged* when any alert was raised on one of its grants.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '../../../models/testing/fake-anthropic-server.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../../../models/testing/fake-openai-server.js';
import { gatewayServe } from '../../cli/gateway-serve.js';
import type { GrantSnapshot } from '../monitor.js';
import { CHAT_MODEL, CLAUDE_MODEL, type ReplayCall, type TrafficClass, fakeAnswer } from './traffic-classes.js';

const ADMIN_KEY = 'replay-admin-key-0123456789abcdef';

export interface ReplayGateway {
  url: string;
  close(): Promise<void>;
}

export interface ClassRun {
  name: string;
  kind: TrafficClass['kind'];
  seed: number;
  calls: number;
  /** Calls the gateway refused (4xx), e.g. for what the grant forbids or after a suspension. */
  refused: number;
  flagged: boolean;
  /** Signals that raised an alert, in the order they first did. */
  signals: string[];
  /** Calls completed before the first alert (approximate under concurrency). */
  callsToFirstAlert?: number;
  /** Abusive classes: one of the expected signals fired. */
  expectedFired?: boolean;
  /** The highest value / threshold each enabled, ready signal reached at the end (how close honest traffic came). */
  closest: { signal: string; ratio: number }[];
}

function lastUserText(body: any): string {
  const msgs = Array.isArray(body?.messages) ? body.messages : [];
  const last = [...msgs].reverse().find((m: any) => m?.role === 'user');
  return typeof last?.content === 'string' ? last.content : '';
}

/** The real gateway with a monitor configured by `monitorYaml` (lines under `monitor:`). */
export async function startReplayGateway(monitorYaml = '  saveEverySeconds: 5'): Promise<ReplayGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'ccx-replay-'));
  const openai: FakeOpenAIServer = await startFakeOpenAIServer({ text: (body) => fakeAnswer(lastUserText(body)) });
  const anthropic: FakeAnthropicServer = await startFakeAnthropicServer({ text: (body) => fakeAnswer(lastUserText(body)) });
  const config = join(dir, 'gateway.yaml');
  writeFileSync(
    config,
    [
      'listen: { host: 127.0.0.1, port: 0 }',
      'store: { sqlite: gateway.db }',
      'models:',
      `  ${CHAT_MODEL}: { upstream: "openai:up-chat@${openai.url}" }`,
      `  ${CLAUDE_MODEL}: { upstream: "anthropic:up-claude@${anthropic.url}" }`,
      'monitor:',
      monitorYaml,
    ].join('\n'),
  );
  const stop = new AbortController();
  const logs: string[] = [];
  const io = { env: { CROSSCHECK_ADMIN_KEY: ADMIN_KEY, OPENAI_API_KEY: 'sk-fake-upstream', ANTHROPIC_API_KEY: 'sk-fake-upstream' }, out: () => undefined, err: (t: string) => void logs.push(t) };
  let serving!: Promise<number>;
  const url = await new Promise<string>((resolve, reject) => {
    serving = gatewayServe(['--config', config], io, { stop: stop.signal, onListening: resolve });
    serving.catch(reject);
  });
  return {
    url,
    async close() {
      stop.abort();
      await serving;
      await openai.close();
      await anthropic.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function admin(gw: ReplayGateway, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${gw.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Runs one class once on fresh grants (grantee named after the class and seed); `concurrency`
 * calls at a time; `scale` as TrafficClass.calls takes it.
 */
export async function runClass(gw: ReplayGateway, cls: TrafficClass, seed: number, opts: { concurrency?: number; scale?: number } = {}): Promise<ClassRun> {
  const concurrency = opts.concurrency ?? 4;
  const grantee = `${cls.name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}-${seed}`.replace(/^-+/, '');
  const grants: { id: string; key: string }[] = [];
  for (const g of cls.grants(seed)) {
    const { grant, key } = await admin(gw, 'POST', '/admin/grants', { ...g, grantee, models: [CHAT_MODEL, CLAUDE_MODEL] });
    grants.push({ id: grant.id, key });
  }
  const clients = grants.map(({ key }) => ({
    openai: new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey: key, baseURL: gw.url, maxRetries: 0 }),
  }));
  const calls = cls.calls(seed, opts.scale);
  const doneAt: number[] = [];
  let refused = 0;
  let next = 0;
  const send = async (call: ReplayCall) => {
    const c = clients[call.grant];
    try {
      if (call.api === 'openai') await c.openai.chat.completions.create(call.body as never);
      else await c.anthropic.messages.create(call.body as never);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status && status >= 400 && status < 500) refused++;
      else throw err;
    }
    doneAt.push(Date.now());
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls.length) await send(calls[next++]);
    }),
  );

  const snapshots: GrantSnapshot[] = [];
  for (const { id } of grants) snapshots.push((await admin(gw, 'GET', `/admin/grants/${id}`)).monitor);
  const alerts = snapshots.flatMap((s) => s?.events.filter((e) => e.kind === 'alert') ?? []).sort((a, b) => a.time - b.time);
  const signals = [...new Set(alerts.map((a) => a.signal!))];
  const first = alerts[0]?.time;
  const ratios = new Map<string, number>();
  for (const sig of snapshots.flatMap((x) => x?.signals ?? [])) {
    if (!sig.enabled || !sig.ready) continue;
    const ratio = sig.threshold > 0 ? sig.value / sig.threshold : sig.value > 0 ? Infinity : 0;
    ratios.set(sig.signal, Math.max(ratios.get(sig.signal) ?? 0, ratio));
  }
  const closest = [...ratios].map(([signal, ratio]) => ({ signal, ratio })).sort((a, b) => b.ratio - a.ratio).slice(0, 3);
  return {
    closest,
    name: cls.name,
    kind: cls.kind,
    seed,
    calls: calls.length,
    refused,
    flagged: alerts.length > 0,
    signals,
    ...(first !== undefined ? { callsToFirstAlert: doneAt.filter((t) => t <= first).length } : {}),
    ...(cls.expect ? { expectedFired: signals.some((s) => cls.expect!.includes(s as never)) } : {}),
  };
}

export interface ClassScore {
  name: string;
  kind: TrafficClass['kind'];
  runs: number;
  flagged: number;
  expectedFired: number;
  signals: string[];
  medianCallsToAlert?: number;
}

/** Per class: runs flagged; overall precision and recall (abusive = positive). */
export function score(runs: ClassRun[]): { classes: ClassScore[]; precision: number; recall: number; truePositives: number; falsePositives: number; falseNegatives: number } {
  const byClass = new Map<string, ClassRun[]>();
  for (const r of runs) byClass.set(r.name, [...(byClass.get(r.name) ?? []), r]);
  const classes = [...byClass.values()].map((rs): ClassScore => {
    const delays = rs.map((r) => r.callsToFirstAlert).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    return {
      name: rs[0].name,
      kind: rs[0].kind,
      runs: rs.length,
      flagged: rs.filter((r) => r.flagged).length,
      expectedFired: rs.filter((r) => r.expectedFired).length,
      signals: [...new Set(rs.flatMap((r) => r.signals))],
      ...(delays.length ? { medianCallsToAlert: delays[Math.floor(delays.length / 2)] } : {}),
    };
  });
  const tp = runs.filter((r) => r.kind === 'abusive' && r.flagged).length;
  const fn = runs.filter((r) => r.kind === 'abusive' && !r.flagged).length;
  const fp = runs.filter((r) => r.kind === 'honest' && r.flagged).length;
  return { classes, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1, truePositives: tp, falsePositives: fp, falseNegatives: fn };
}
