/**
 * One stored answer (model × sample × epoch) as an Inspect EvalSample: the conversation (each
 * message's author kept in its metadata), the final output, every grader's score (judges' own
 * grades and a human label too), each model call as a ModelEvent and each score as a ScoreEvent,
 * and token usage by model and by role.
 */
import type { GenerateParams } from '../../../core/generation.js';
import type { ChatMessage } from '../../../core/messages.js';
import type { Sample, TranscriptMessage } from '../../../core/suite.js';
import type { SampleRecord, ScoreRecord } from '../../../store/browse-records.js';
import type { StoredGeneration } from '../../../store/records.js';
import { sampleOutcome } from '../../sample-outcome.js';
import type { InspectEvalSample, InspectEvent, InspectGenerateConfig, InspectMessage, InspectModelOutput, InspectModelUsage, InspectScore } from './inspect-types.js';
import { inspectModelName, shortId } from './names.js';

export interface SampleContext {
  runId: string;
  primary: string;
  /** The suite's item, when the suite could be loaded: its input and accepted answers. */
  item?: Sample;
}

export function inspectSample(r: SampleRecord, ctx: SampleContext): InspectEvalSample {
  const at = r.completedAt;
  const targetGen = [...r.generations].reverse().find((g) => g.role === 'target');
  const output = r.status === 'error' || !targetGen
    ? { model: '', choices: [], completion: r.output ?? '', ...(r.error ? { error: r.error } : {}) }
    : modelOutput(targetGen, r.output ?? targetGen.generation.text);
  const messages = (r.messages ?? []).map(message);
  const scores = r.scores.map((s) => [s.scorer, score(s, r.output)] as const);
  const target = targetOf(ctx.item);
  const { outcome, human, disagree } = sampleOutcome(r, ctx.primary);
  return {
    id: r.sampleId,
    epoch: r.epoch,
    input: inputOf(ctx.item, r.messages),
    target,
    messages,
    output,
    scores: scores.length ? Object.fromEntries(scores) : null,
    metadata: { ...r.metadata, crosscheck: { model: r.model, outcome, human, judges_disagree: disagree } },
    store: {},
    events: [
      ...r.generations.map((g): InspectEvent => ({
        event: 'model', timestamp: at, working_start: 0, model: inspectModelName(g.modelRef), role: g.role,
        input: g.messages.map(message), tools: [], tool_choice: 'none', config: requestConfig(g.generation.request),
        output: modelOutput(g, g.generation.text), ...(g.generation.cached ? { cache: 'read' as const } : {}), working_time: g.generation.latencyMs / 1000,
      })),
      ...scores.filter(([name]) => !name.includes('/')).map(([name, s]): InspectEvent => ({
        event: 'score', timestamp: at, working_start: 0, score: s, target, intermediate: false, scorer: name,
      })),
    ],
    model_usage: usageBy(r.generations, (g) => inspectModelName(g.modelRef)),
    role_usage: usageBy(r.generations, (g) => g.role),
    completed_at: at,
    working_time: r.generations.reduce((t, g) => t + g.generation.latencyMs, 0) / 1000,
    uuid: shortId(`${ctx.runId}\u0000${r.model}\u0000${r.sampleId}\u0000${r.epoch}`),
    ...(r.status === 'error' ? { error: { message: r.error ?? 'failed', traceback: '', traceback_ansi: '' } } : {}),
    attachments: {},
  };
}

/** Inspect has no developer role: an instruction is a system message either way. */
function message(m: ChatMessage | TranscriptMessage): InspectMessage {
  const by = 'by' in m ? m.by : undefined;
  return {
    role: m.role === 'developer' ? 'system' : m.role,
    content: m.content,
    ...(by ? { source: by === 'target' ? 'generate' as const : 'input' as const, metadata: { by } } : {}),
  };
}

function modelOutput(g: StoredGeneration, text: string): InspectModelOutput {
  const model = g.generation.returnedModel ?? inspectModelName(g.modelRef);
  return {
    model,
    choices: [{ message: { role: 'assistant', content: text, source: 'generate', model }, stop_reason: stopReason(g.generation.stopReason, g.generation.refusal) }],
    completion: text,
    usage: usage(g),
    time: g.generation.latencyMs / 1000,
  };
}

function stopReason(reason: string | null, refusal: string | null): InspectModelOutput['choices'][number]['stop_reason'] {
  if (refusal !== null || reason === 'refusal' || reason === 'content_filter') return 'content_filter';
  if (reason === 'stop' || reason === 'end_turn' || reason === 'STOP' || reason === 'stop_sequence') return 'stop';
  if (reason === 'length' || reason === 'max_tokens' || reason === 'MAX_TOKENS') return 'max_tokens';
  return 'unknown';
}

function usage(g: StoredGeneration): InspectModelUsage {
  const u = g.generation.usage;
  return { input_tokens: u.inputTokens, output_tokens: u.outputTokens, total_tokens: u.inputTokens + u.outputTokens, ...(u.reasoningTokens !== undefined ? { reasoning_tokens: u.reasoningTokens } : {}) };
}

export function usageBy(generations: readonly StoredGeneration[], key: (g: StoredGeneration) => string): Record<string, InspectModelUsage> {
  const out: Record<string, InspectModelUsage> = {};
  for (const g of generations) {
    const u = usage(g);
    const t = (out[key(g)] ??= { input_tokens: 0, output_tokens: 0, total_tokens: 0 });
    t.input_tokens += u.input_tokens;
    t.output_tokens += u.output_tokens;
    t.total_tokens += u.total_tokens;
    if (u.reasoning_tokens !== undefined) t.reasoning_tokens = (t.reasoning_tokens ?? 0) + u.reasoning_tokens;
  }
  return out;
}

/** The outcome label is the score's value; the number, details and judge stay in its metadata. */
function score(s: ScoreRecord, answer: string | null): InspectScore {
  const why = s.explanation ?? s.unscoredReason ?? undefined;
  return {
    value: s.outcome,
    ...(answer !== null ? { answer } : {}),
    ...(why !== undefined ? { explanation: why } : {}),
    metadata: {
      value: s.value, details: s.details, judge: s.judge, judge_reply: s.judgeReply, prompt_version: s.promptVersion,
      unscored_reason: s.unscoredReason, redactions: s.redactions,
    },
  };
}

/** Generation parameters as sent (wire names differ by provider; the common ones are mapped). */
function requestConfig(request: Record<string, unknown>): InspectGenerateConfig {
  const num = (k: string) => (typeof request[k] === 'number' ? (request[k] as number) : undefined);
  const out: InspectGenerateConfig = {};
  const set = <K extends keyof InspectGenerateConfig>(k: K, v: InspectGenerateConfig[K] | undefined) => { if (v !== undefined) out[k] = v; };
  set('temperature', num('temperature'));
  set('top_p', num('top_p') ?? num('topP'));
  set('max_tokens', num('max_tokens') ?? num('max_completion_tokens') ?? num('max_output_tokens') ?? num('maxOutputTokens') ?? num('maxTokens'));
  set('seed', num('seed'));
  if (typeof request.reasoning_effort === 'string') out.reasoning_effort = request.reasoning_effort;
  return out;
}

/** A run's params in Inspect's names. */
export function generateConfig(p: GenerateParams): InspectGenerateConfig {
  const out: InspectGenerateConfig = {};
  if (p.temperature !== undefined) out.temperature = p.temperature;
  if (p.topP !== undefined) out.top_p = p.topP;
  if (p.maxTokens !== undefined) out.max_tokens = p.maxTokens;
  if (p.seed !== undefined) out.seed = p.seed;
  if (p.stop !== undefined) out.stop_seqs = p.stop;
  if (p.reasoningEffort !== undefined) out.reasoning_effort = p.reasoningEffort;
  if (p.thinking?.enabled && p.thinking.budgetTokens !== undefined) out.reasoning_tokens = p.thinking.budgetTokens;
  return out;
}

/** One user message is Inspect's plain-string input; anything else is the message list. */
function inputOf(item: Sample | undefined, messages: TranscriptMessage[] | null): string | InspectMessage[] {
  const input = item?.input ?? leadingSuiteMessages(messages);
  return input.length === 1 && input[0].role === 'user' ? input[0].content : input.map(message);
}

/** Without the suite's items, the input is what the suite said before anyone answered. */
function leadingSuiteMessages(messages: TranscriptMessage[] | null): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of messages ?? []) {
    if (m.by !== undefined && m.by !== 'suite') break;
    out.push({ role: m.role, content: m.content });
  }
  return out;
}

function targetOf(item: Sample | undefined): string | string[] {
  const t = item?.target ?? [];
  return t.length === 1 ? t[0] : t.length === 0 ? '' : t;
}
