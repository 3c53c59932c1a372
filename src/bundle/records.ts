/**
 * A stored sample as bundle records and back. What the report's numbers use (status, metadata,
 * each call's counts, each score's label and value) goes in records that are never withheld; what
 * the conversation said (messages, replies, judges' replies, the kept bodies) goes in the
 * transcript record, which redaction may withhold. Joined again, the records give the store back
 * the SampleResult it saved, so a report rebuilt from a bundle runs on the same rows.
 */
import type { StoredGeneration } from '../core/run-record.js';
import type { Score } from '../core/suite.js';
import type { SampleResult } from '../store/records.js';
import {
  keyOf, type CallContent, type CallFacts, type CallReceipt, type ReceiptsRecord, type SampleRecord, type ScoreFacts,
  type ScoresRecord, type TranscriptRecord,
} from './format.js';

export interface SampleRecords {
  sample: SampleRecord;
  transcript: TranscriptRecord;
  scores: ScoresRecord;
  /** Present when a call went through a Crosscheck gateway. */
  receipts: ReceiptsRecord | null;
}

export function splitSample(r: SampleResult, nonce: string): SampleRecords {
  const key = keyOf(r);
  const calls: CallFacts[] = r.generations.map(({ role, modelRef, generation: g }) => ({
    role, modelRef, inputTokens: g.usage.inputTokens, outputTokens: g.usage.outputTokens, reasoningTokens: g.usage.reasoningTokens ?? null,
    latencyMs: g.latencyMs, returnedModel: g.returnedModel, cached: g.cached === true, stopReason: g.stopReason, refused: g.refusal !== null,
  }));
  const contents: CallContent[] = r.generations.map(({ messages, generation: g }) => ({
    messages, text: g.text, refusal: g.refusal, request: g.request, gateway: g.gateway ?? null,
  }));
  const receipts: CallReceipt[] = r.generations.flatMap(({ role, modelRef, generation: g }, call) => (g.gateway ? [{
    call, role, modelRef, url: g.gateway.url, verifierKey: g.gateway.verifierKey, requestId: g.gateway.requestId, stream: g.gateway.stream,
    requestReceipt: g.gateway.requestReceipt, responseReceipt: g.gateway.responseReceipt,
  }] : []));
  const scores: ScoreFacts[] = r.scores.map((s) => ({
    scorer: s.scorer, outcome: s.outcome, value: s.value ?? null, details: s.details ?? null, judge: s.judge ?? null,
    promptVersion: s.promptVersion ?? null, unscoredReason: s.unscoredReason ?? null, redacted: (s.redactions?.length ?? 0) > 0,
  }));
  return {
    sample: { type: 'sample', ...key, status: r.status, category: r.category ?? null, metadata: r.metadata, error: r.error ?? null, calls },
    transcript: {
      type: 'transcript', ...key, nonce, messages: r.messages ?? null, output: r.output ?? null, calls: contents,
      gradings: r.scores.map((s) => ({ scorer: s.scorer, explanation: s.explanation ?? null, judgeReply: s.judgeReply ?? null, redactions: s.redactions ?? null })),
    },
    scores: { type: 'scores', ...key, scores },
    receipts: receipts.length ? { type: 'receipts', ...key, calls: receipts } : null,
  };
}

/** What stands in for withheld text when a report is rebuilt: the numbers never read it. */
export const WITHHELD_TEXT = '(withheld)';

/**
 * The SampleResult the records came from. Without its transcript (withheld) the text fields
 * are placeholders that keep what the numbers read: a refusal is still a refusal, a redacted
 * grade still redacted.
 */
export function joinSample(runId: string, sample: SampleRecord, transcript: TranscriptRecord | null, scores: ScoresRecord | null): SampleResult {
  const generations: StoredGeneration[] = sample.calls.map((c, i) => {
    const content = transcript?.calls[i];
    return {
      role: c.role,
      modelRef: c.modelRef,
      messages: content?.messages ?? [],
      generation: {
        text: content?.text ?? '',
        refusal: content ? content.refusal : c.refused ? WITHHELD_TEXT : null,
        stopReason: c.stopReason,
        usage: { inputTokens: c.inputTokens, outputTokens: c.outputTokens, ...(c.reasoningTokens !== null ? { reasoningTokens: c.reasoningTokens } : {}) },
        latencyMs: c.latencyMs,
        returnedModel: c.returnedModel,
        request: content?.request ?? {},
        cached: c.cached,
        ...(content?.gateway ? { gateway: content.gateway } : {}),
      },
    };
  });
  const result: SampleResult = {
    runId, model: sample.model, sampleId: sample.sampleId, epoch: sample.epoch, status: sample.status,
    ...(sample.category !== null ? { category: sample.category } : {}),
    metadata: sample.metadata,
    ...(sample.error !== null ? { error: sample.error } : {}),
    generations,
    scores: (scores?.scores ?? []).map((s, i) => scoreOf(s, transcript ? transcript.gradings[i] ?? null : undefined)),
  };
  if (transcript) {
    if (transcript.messages !== null) result.messages = transcript.messages;
    if (transcript.output !== null) result.output = transcript.output;
  } else if (sample.status === 'done') {
    result.output = '';
  }
  return result;
}

/** `grading` undefined: withheld; null: absent from a published transcript. */
function scoreOf(s: ScoreFacts, grading: TranscriptRecord['gradings'][number] | null | undefined): Score {
  const score: Score = { scorer: s.scorer, outcome: s.outcome };
  if (s.value !== null) score.value = s.value;
  if (s.details !== null) score.details = s.details as Score['details'];
  if (s.judge !== null) score.judge = s.judge;
  if (s.promptVersion !== null) score.promptVersion = s.promptVersion;
  if (s.unscoredReason !== null) score.unscoredReason = s.unscoredReason;
  if (grading) {
    if (grading.explanation !== null) score.explanation = grading.explanation;
    if (grading.judgeReply !== null) score.judgeReply = grading.judgeReply;
    if (grading.redactions !== null) score.redactions = grading.redactions;
  } else if (grading === undefined && s.redacted) {
    score.redactions = [WITHHELD_TEXT];
  }
  return score;
}
