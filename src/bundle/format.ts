/**
 * The bundle format, version 1 (README.md beside this file): a gzipped tar of JSON and JSON Lines
 * files whose records are the leaves of one RFC 6962 Merkle tree, its root signed as a C2SP
 * signed note by the evaluating lab's Ed25519 key. Every record is an object with a `type`.
 */
import type { GatewayEvidence } from '../core/generation.js';
import type { ChatMessage } from '../core/messages.js';
import type { RunRecord } from '../core/run-record.js';
import type { ModelRole, Sample, SuiteOptions, TranscriptMessage } from '../core/suite.js';
import type { RunReport } from '../report/build-report.js';

export const BUNDLE_FORMAT = 'crosscheck-bundle';
export const BUNDLE_VERSION = 1;
/** First line of the signed note: what the signature is about, and in which format. */
export const NOTE_CONTEXT = `${BUNDLE_FORMAT}/v${BUNDLE_VERSION}`;

/** The files whose records are leaves, in tree order. `.json` files hold one record, `.jsonl` files one per line. */
export const LEAF_FILES = [
  'bundle.json', 'run.json', 'suite.json', 'gateways.jsonl', 'items.jsonl',
  'samples.jsonl', 'transcripts.jsonl', 'scores.jsonl', 'receipts.jsonl', 'report.json',
] as const;
export type LeafFile = (typeof LEAF_FILES)[number];
/** Every leaf's hash in tree order, with where its record is: `{"file","line","what","hash"}`. */
export const LEAVES_FILE = 'leaves.jsonl';
export const NOTE_FILE = 'signature.note';
/** The report as Markdown, for readers; `bundle verify` checks it renders from the recomputed report. */
export const REPORT_MD_FILE = 'report.md';

/** A sample × epoch of one model: what per-sample records are keyed by. */
export interface SampleKey {
  model: string;
  sampleId: string;
  epoch: number;
}

export interface ManifestRecord {
  type: 'bundle';
  format: typeof BUNDLE_FORMAT;
  version: number;
  createdAt: string;
  crosscheckVersion: string;
  runId: string;
  /** The evaluating lab's verifier key (`<name>+<hex id>+<base64>`), which the note is signed with. */
  signer: string;
  /** The --redact rules as given; records they matched are withheld (their leaves stay, as hashes). */
  redaction: string[];
  /** `published`: every item's text; `hashed`: none (`--items hash`); `mixed`: items of withheld samples only are hashed. */
  items: 'published' | 'hashed' | 'mixed';
  withheld: { transcripts: number; items: number };
}

export interface RunLeafRecord {
  type: 'run';
  /** The run's spec and conditions, as stored (status, times, config: models, params, judges, panel...). */
  run: RunRecord;
}

export interface SuiteRecord {
  type: 'suite';
  name: string;
  version: string;
  description: string;
  options: SuiteOptions;
  items: number;
}

/** A gateway the run's calls went through, and the log key it named (or the one `--gateway-key` gave). */
export interface GatewayRecord {
  type: 'gateway';
  url: string;
  verifierKey: string | null;
  keyFrom: 'gateway' | 'flag' | 'none';
  /** `role:modelRef` of the calls that went through it. */
  models: string[];
}

export interface ItemRecord {
  type: 'item';
  /** Random, so a withheld item's leaf hash cannot be found by hashing guesses. */
  nonce: string;
  sample: Sample;
}

/** What the report's numbers use from one model call; never withheld. */
export interface CallFacts {
  role: ModelRole;
  modelRef: string;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number | null;
  latencyMs: number;
  returnedModel: string | null;
  cached: boolean;
  stopReason: string | null;
  /** The provider's own refusal signal was set (its text is in the transcript). */
  refused: boolean;
}

export interface SampleRecord extends SampleKey {
  type: 'sample';
  status: 'done' | 'error';
  category: string | null;
  metadata: Record<string, unknown>;
  error: string | null;
  calls: CallFacts[];
}

/** What one call said: may be withheld with its transcript. */
export interface CallContent {
  messages: ChatMessage[];
  text: string;
  refusal: string | null;
  request: Record<string, unknown>;
  gateway: GatewayEvidence | null;
}

/** A score's text (a judge's reply may quote the transcript): withheld with it. */
export interface GradingText {
  scorer: string;
  explanation: string | null;
  judgeReply: string | null;
  redactions: string[] | null;
}

export interface TranscriptRecord extends SampleKey {
  type: 'transcript';
  nonce: string;
  messages: TranscriptMessage[] | null;
  output: string | null;
  /** One per call of the sample record, in the same order. */
  calls: CallContent[];
  /** One per score of the scores record, in the same order. */
  gradings: GradingText[];
}

export interface ScoreFacts {
  scorer: string;
  outcome: string;
  value: number | null;
  details: Record<string, unknown> | null;
  judge: string | null;
  promptVersion: string | null;
  unscoredReason: string | null;
  /** Self-identifying text was removed before the judge saw the transcript (which text: its grading). */
  redacted: boolean;
}

export interface ScoresRecord extends SampleKey {
  type: 'scores';
  scores: ScoreFacts[];
}

/**
 * A call's receipts (its kept gateway evidence without the bodies): public even when its
 * transcript is withheld, so the model owner can find the call in its log.
 */
export interface CallReceipt extends Omit<GatewayEvidence, 'requestBody' | 'responseBody'> {
  /** Index of the call in the sample record's calls. */
  call: number;
  role: ModelRole;
  modelRef: string;
}

export interface ReceiptsRecord extends SampleKey {
  type: 'receipts';
  calls: CallReceipt[];
}

export interface ReportRecord {
  type: 'report';
  /** `crosscheck report RUN --format json`, parsed. */
  report: RunReport;
}

/** A record kept back: its leaf stays in the tree as this hash; the record itself can be disclosed later and checked against it. */
export interface WithheldRecord {
  type: 'withheld';
  of: 'transcript' | 'item';
  key: SampleKey | { sampleId: string };
  leafHash: string;
}

export type BundleRecord =
  | ManifestRecord | RunLeafRecord | SuiteRecord | GatewayRecord | ItemRecord | SampleRecord | TranscriptRecord
  | ScoresRecord | ReceiptsRecord | ReportRecord | WithheldRecord;

/** One line of leaves.jsonl. `what` names the record in messages (it is not itself signed: the hash is). */
export interface LeafEntry {
  file: LeafFile;
  line: number;
  what: string;
  hash: string;
}

export const keyOf = (r: SampleKey): SampleKey => ({ model: r.model, sampleId: r.sampleId, epoch: r.epoch });
export const keyString = (r: SampleKey): string => `${r.model}\u0000${r.sampleId}\u0000${r.epoch}`;
export const describeKey = (r: SampleKey): string => `model ${r.model}, sample ${r.sampleId}, epoch ${r.epoch}`;
