/**
 * Deterministic synthetic traffic for the monitor's tests and benchmark (test data only:
 * nothing here is used by the gateway). Prompts are pseudo-word sentences from a seeded
 * PRNG, so two seeds give unrelated distributions without shipping any real dataset.
 */
import { mulberry32 } from '../../../core/seeded-random.js';
import type { TrafficRecord } from '../../contracts.js';
import { wordFlags } from '../content-words.js';
import type { RequestView, TemplateDoc } from '../request-view.js';
import type { ObservedRequest } from '../signals/signal.js';
import { tokenize } from '../text.js';

const SYLLABLES = ['ka', 'lo', 'mi', 'ten', 'ra', 'vu', 'sel', 'po', 'dri', 'an', 'ox', 'fe', 'gu', 'bri', 'zo', 'nel', 'tha', 'wi', 'qua', 'es'];
const STEMS = ['What is the', 'Which of the following', 'Explain why the', 'How does the', 'Is it true that the', 'Describe how a'];

function vocabulary(seed: number, size: number): string[] {
  const rnd = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < size; i++) {
    const n = 2 + Math.floor(rnd() * 3);
    let w = '';
    for (let j = 0; j < n; j++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    out.push(w);
  }
  return out;
}

/** `count` distinct question-like prompts of 12..32 words drawn from the seed's vocabulary. */
export function testPrompts(count: number, seed: number): string[] {
  const vocab = vocabulary(seed, 3000);
  const rnd = mulberry32(seed ^ 0x5bd1e995);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const len = 12 + Math.floor(rnd() * 21);
    const body: string[] = [];
    for (let j = 0; j < len; j++) body.push(vocab[Math.floor(rnd() * vocab.length)]);
    out.push(`${STEMS[Math.floor(rnd() * STEMS.length)]} ${body.join(' ')}?`);
  }
  return out;
}

/** The evaluating lab's wrapping: a system instruction before and a format demand after. */
export function wrapAsEvaluation(question: string): string {
  return (
    'You are being evaluated. Answer the question below as accurately as you can. ' +
    'If you are not confident, say that you do not know rather than guessing.\n\n' +
    question +
    '\n\nGive your final answer on the last line, followed by your confidence from 0 to 100.'
  );
}

/** A traffic record with harmless defaults, overridable field by field. */
export function testRecord(grantId: string, time: number, prompt: string, overrides: Partial<TrafficRecord> = {}): TrafficRecord {
  return {
    grantId,
    time,
    model: 'test-model',
    prompt,
    n: 1,
    logprobs: false,
    topLogprobs: 0,
    reasoningRequested: false,
    inputTokens: Math.ceil(prompt.length / 4),
    outputTokens: 200,
    ...overrides,
  };
}

/**
 * What the monitor hands its detectors for one request (for testing a detector alone): on plan
 * carrying declared prompt `declaredIndex` when it is ≥ 0, else off plan (or undeclared).
 */
export function testObserved(prompt: string, overrides: Partial<TrafficRecord> = {}, declaredIndex = -1, otherwise: 'off' | 'undeclared' = 'off'): ObservedRequest {
  const view: RequestView = {
    words: tokenize(prompt).hashes,
    matches: declaredIndex >= 0 ? [{ index: declaredIndex, score: 1, contentWords: 5 }] : [],
    plan: declaredIndex >= 0 ? 'on' : otherwise,
    piggyback: false,
    novelWords: 0,
    docs: [],
  };
  return { record: testRecord('test-grant', overrides.time ?? 0, prompt, overrides), view };
}

/** A text as the template detector receives it (for testing the detector alone). */
export function testDoc(text: string, stream: TemplateDoc['stream'] = 'user'): TemplateDoc {
  const t = tokenize(text);
  return {
    stream,
    hashes: t.hashes,
    flags: wordFlags(t),
    lengths: Uint8Array.from(t.hashes, (_, i) => Math.min(255, t.ends[i] - t.starts[i])),
    wordAt: (i) => t.text.slice(t.starts[i], t.ends[i]),
  };
}
