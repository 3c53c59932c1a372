/**
 * `crosscheck bundle create`: a stored run as a signed bundle (format.ts, README.md). Everything
 * comes from the store through the RunStore interface and from the same code as `crosscheck
 * report`; redaction (redaction.ts) withholds transcripts, and items, as hashes.
 */
import { UsageError } from '../core/errors.js';
import type { RunConfig } from '../core/run-record.js';
import type { SignerKey } from '../gateway/audit/signed-note.js';
import { verifierKeyOf } from '../gateway/audit/signed-note.js';
import { buildReport, primaryScorerOf } from '../report/build-report.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderJson } from '../report/renderers/json.js';
import { loadRunSuite } from '../runner/run.js';
import type { SampleResult } from '../store/records.js';
import type { RunStore } from '../store/run-store.js';
import { pluginForRun } from '../suites/index.js';
import {
  BUNDLE_FORMAT, BUNDLE_VERSION, keyOf, type BundleRecord, type GatewayRecord, type ItemRecord, type ManifestRecord, type ReportRecord,
  type WithheldRecord,
} from './format.js';
import { splitSample } from './records.js';
import { matchesAny, type RedactionRule } from './redaction.js';
import { leafHashOf, newNonce } from './tree.js';
import { writeBundle, type BundleFiles, type Written } from './write.js';

export interface CreateOptions {
  signer: SignerKey;
  /** Transcripts any rule matches are withheld (with their items, once every transcript of an item is). */
  redact: RedactionRule[];
  /** `hash`: publish no item's text. */
  items: 'publish' | 'hash';
  /** Verifier keys for gateways that served none (an older gateway), by gateway URL. */
  gatewayKeys: Map<string, string>;
  crosscheckVersion: string;
  now?: Date;
  /** Bundle a run that is still running or stopped (its completeness cannot be checked). */
  allowUnfinished?: boolean;
}

export interface Created {
  written: Written;
  samples: number;
  gatewayCalls: number;
  gateways: GatewayRecord[];
  /** The records withheld, to keep privately: each can later be shown and checked against its leaf. */
  withheld: BundleRecord[];
}

export async function createBundle(store: RunStore, runId: string, out: string, opts: CreateOptions): Promise<Created> {
  const run = store.requireRun<RunConfig>(runId);
  if (!run.status.startsWith('finished') && !opts.allowUnfinished) {
    throw new UsageError(
      `run ${runId} is ${run.status}, not finished: a bundle of it could not show that every planned sample is in it. ` +
        `Finish it (crosscheck eval --resume ${runId}) or pass --allow-unfinished`,
    );
  }
  const suite = loadRunSuite(run.config);
  if (suite.version !== run.suiteVersion) {
    throw new UsageError(`run ${runId} used ${run.suite} version ${run.suiteVersion}, but the suite here is version ${suite.version}: its items cannot go in the bundle`);
  }
  const measures = pluginForRun(run.config).measures;
  const redaction = { suite: run.suite, primaryScorer: primaryScorerOf(measures, run.config).name, outcomes: measures.outcomes };
  const report = buildReport(store, runId);

  const files: BundleFiles = new Map();
  const add = (file: Parameters<BundleFiles['get']>[0], r: BundleRecord) => (files.get(file) ?? files.set(file, []).get(file)!).push(r);
  const withheld: BundleRecord[] = [];
  const keep = (file: 'transcripts.jsonl' | 'items.jsonl', r: BundleRecord, hide: boolean, of: WithheldRecord['of'], key: WithheldRecord['key']) => {
    if (!hide) return add(file, r);
    withheld.push(r);
    add(file, { type: 'withheld', of, key, leafHash: leafHashOf(r) });
  };

  const samples = [...store.sampleResults(runId)];
  const hidden = new Set<SampleResult>(opts.redact.length ? samples.filter((s) => matchesAny(opts.redact, s, redaction)) : []);
  const gateways = gatewayRecords(samples, opts.gatewayKeys);
  let gatewayCalls = 0;
  for (const s of samples) {
    const parts = splitSample(s, newNonce());
    add('samples.jsonl', parts.sample);
    keep('transcripts.jsonl', parts.transcript, hidden.has(s), 'transcript', keyOf(s));
    add('scores.jsonl', parts.scores);
    if (parts.receipts) {
      add('receipts.jsonl', parts.receipts);
      gatewayCalls += parts.receipts.calls.length;
    }
  }

  // An item is withheld once every transcript of it is (its text would give the withheld prompt away), or with --items hash.
  const shown = new Set(samples.filter((s) => !hidden.has(s)).map((s) => s.sampleId));
  const ran = new Set(samples.map((s) => s.sampleId));
  let itemsHidden = 0;
  for (const sample of suite.samples) {
    const item: ItemRecord = { type: 'item', nonce: newNonce(), sample: JSON.parse(JSON.stringify(sample)) as ItemRecord['sample'] };
    const hide = opts.items === 'hash' || (ran.has(sample.id) && !shown.has(sample.id));
    if (hide) itemsHidden++;
    keep('items.jsonl', item, hide, 'item', { sampleId: sample.id });
  }

  const manifest: ManifestRecord = {
    type: 'bundle', format: BUNDLE_FORMAT, version: BUNDLE_VERSION, createdAt: (opts.now ?? new Date()).toISOString(),
    crosscheckVersion: opts.crosscheckVersion, runId, signer: verifierKeyOf(opts.signer), redaction: opts.redact.map((r) => r.text),
    items: opts.items === 'hash' ? 'hashed' : itemsHidden > 0 ? 'mixed' : 'published',
    withheld: { transcripts: hidden.size, items: itemsHidden },
  };
  files.set('bundle.json', [manifest]);
  files.set('run.json', [{ type: 'run', run }]);
  files.set('suite.json', [{ type: 'suite', name: suite.name, version: suite.version, description: suite.description, options: run.config.suiteOptions, items: suite.samples.length }]);
  files.set('gateways.jsonl', gateways);
  files.set('report.json', [{ type: 'report', report: JSON.parse(renderJson(report)) as ReportRecord['report'] }]);
  const written = await writeBundle(out, files, opts.signer, renderMarkdown(report));
  return { written, samples: samples.length, gatewayCalls, gateways, withheld };
}

/** Every gateway the run's calls went through, with the verifier key it named (or `--gateway-key` gave). */
function gatewayRecords(samples: SampleResult[], flagKeys: Map<string, string>): GatewayRecord[] {
  const byUrl = new Map<string, { key: string | null; models: Set<string> }>();
  for (const s of samples) {
    for (const g of s.generations) {
      const ev = g.generation.gateway;
      if (!ev) continue;
      const entry = byUrl.get(ev.url) ?? byUrl.set(ev.url, { key: null, models: new Set() }).get(ev.url)!;
      if (ev.verifierKey && entry.key && ev.verifierKey !== entry.key) {
        throw new UsageError(`the gateway at ${ev.url} named two log keys during the run (${entry.key} and ${ev.verifierKey})`);
      }
      entry.key ??= ev.verifierKey;
      entry.models.add(`${g.role}:${g.modelRef}`);
    }
  }
  for (const url of flagKeys.keys()) {
    if (!byUrl.has(url)) throw new UsageError(`--gateway-key ${url}: no call of this run went through that gateway (${[...byUrl.keys()].join(', ') || 'none did'})`);
  }
  return [...byUrl].map(([url, { key, models }]): GatewayRecord => {
    const flag = flagKeys.get(url);
    if (flag && key && flag !== key) throw new UsageError(`--gateway-key ${url}: the gateway named ${key} during the run`);
    return { type: 'gateway', url, verifierKey: key ?? flag ?? null, keyFrom: key ? 'gateway' : flag ? 'flag' : 'none', models: [...models].sort() };
  });
}
