/**
 * The shape of every bundle record (zod), checked as a bundle is read, so a malformed or hostile
 * bundle is a one-line error naming the file and line, never a crash further on. Objects are
 * strict: a field this version does not know is an error, not silently ignored (a bundle from a
 * newer version says so first, from its manifest).
 */
import { z } from 'zod';

const str = z.string();
const nullableStr = z.string().nullable();
const count = z.number().int().min(0);
const key = { model: str, sampleId: str, epoch: z.number().int().min(1) };
const json = z.record(z.string(), z.unknown());
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const role = z.enum(['target', 'user', 'auditor', 'judge']);
const chatMessage = z.strictObject({ role: z.enum(['system', 'developer', 'user', 'assistant']), content: str });
const transcriptMessage = z.strictObject({ role: z.enum(['system', 'developer', 'user', 'assistant']), content: str, by: z.enum(['suite', 'target', 'user', 'auditor']).optional() });

export const manifestSchema = z.strictObject({
  type: z.literal('bundle'),
  format: z.literal('crosscheck-bundle'),
  version: z.number().int().min(1),
  createdAt: str,
  crosscheckVersion: str,
  runId: str,
  signer: str,
  redaction: z.array(str),
  items: z.enum(['published', 'hashed', 'mixed']),
  withheld: z.strictObject({ transcripts: count, items: count }),
});

const modelSpec = z.looseObject({ label: str, ref: str, lab: str, params: json, limits: json, cache: z.boolean() });
export const runSchema = z.strictObject({
  type: z.literal('run'),
  // Loose: the run record belongs to the engine and may gain fields; these are the ones a report reads.
  run: z.looseObject({
    id: str,
    createdAt: str,
    finishedAt: nullableStr,
    status: str,
    suite: str,
    suiteVersion: str,
    config: z.looseObject({
      suite: str, suiteOptions: json, epochs: z.number().int().min(1), targets: z.array(modelSpec).min(1), judges: z.array(modelSpec),
      panel: z.looseObject({ rule: z.enum(['majority', 'unanimous', 'mean']), excludeSameLab: z.boolean() }),
      timeoutMs: z.number(), maxRetries: z.number(), crosscheckVersion: str,
    }),
  }),
});

export const suiteSchema = z.strictObject({ type: z.literal('suite'), name: str, version: str, description: str, options: json, items: count });

export const gatewaySchema = z.strictObject({
  type: z.literal('gateway'), url: str, verifierKey: nullableStr, keyFrom: z.enum(['gateway', 'flag', 'none']), models: z.array(str),
});

export const itemSchema = z.strictObject({
  type: z.literal('item'),
  nonce: str,
  sample: z.strictObject({ id: str, input: z.array(chatMessage), target: z.array(str), metadata: json }),
});

const callFacts = z.strictObject({
  role, modelRef: str, inputTokens: z.number(), outputTokens: z.number(), reasoningTokens: z.number().nullable(), latencyMs: z.number(),
  returnedModel: nullableStr, cached: z.boolean(), stopReason: nullableStr, refused: z.boolean(),
});

export const sampleSchema = z.strictObject({
  type: z.literal('sample'), ...key, status: z.enum(['done', 'error']), category: nullableStr, metadata: json, error: nullableStr, calls: z.array(callFacts),
});

const evidence = z.strictObject({
  url: str, verifierKey: nullableStr, requestId: nullableStr, stream: z.boolean(), requestReceipt: nullableStr, responseReceipt: nullableStr,
  requestBody: str, responseBody: str,
});

export const transcriptSchema = z.strictObject({
  type: z.literal('transcript'), ...key, nonce: str,
  messages: z.array(transcriptMessage).nullable(),
  output: nullableStr,
  calls: z.array(z.strictObject({ messages: z.array(chatMessage), text: str, refusal: nullableStr, request: json, gateway: evidence.nullable() })),
  gradings: z.array(z.strictObject({ scorer: str, explanation: nullableStr, judgeReply: nullableStr, redactions: z.array(str).nullable() })),
});

export const scoresSchema = z.strictObject({
  type: z.literal('scores'), ...key,
  scores: z.array(z.strictObject({
    scorer: str, outcome: str, value: z.number().nullable(), details: json.nullable(), judge: nullableStr, promptVersion: nullableStr,
    unscoredReason: nullableStr, redacted: z.boolean(),
  })),
});

export const receiptsSchema = z.strictObject({
  type: z.literal('receipts'), ...key,
  calls: z.array(z.strictObject({
    call: count, role, modelRef: str, url: str, verifierKey: nullableStr, requestId: nullableStr, stream: z.boolean(),
    requestReceipt: nullableStr, responseReceipt: nullableStr,
  })),
});

export const reportSchema = z.strictObject({ type: z.literal('report'), report: z.looseObject({ run: json, models: z.array(json) }) });

export const withheldSchema = z.strictObject({
  type: z.literal('withheld'),
  of: z.enum(['transcript', 'item']),
  key: z.union([z.strictObject(key), z.strictObject({ sampleId: str })]),
  leafHash: hex64,
});

export const leafEntrySchema = z.strictObject({ file: str, line: z.number().int().min(1), what: str, hash: hex64 });

/** The first problem zod found, as `field: message`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.length ? issue.path.join('.') : 'record';
  return `${path}: ${issue.message}`;
}
