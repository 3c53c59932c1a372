/**
 * Speed of the monitor, one line per measurement (run: node dist/src/gateway/monitor/observe.bench.js).
 * 5000 declared prompts; traffic mixes wrapped declared prompts, unrelated prompts and a
 * template sweep, plus a long-prompt case. Synthetic, deterministic data (testing/test-traffic).
 */
import { performance } from 'node:perf_hooks';
import { wordFlags } from './content-words.js';
import { DeclaredIndex } from './declared-index.js';
import { fingerprint } from './fingerprint.js';
import { ExtractionMonitor } from './monitor.js';
import { tokenize } from './text.js';
import { testPrompts, testRecord, wrapAsEvaluation } from './testing/test-traffic.js';

const SUITE = testPrompts(5000, 11);
const OTHER = testPrompts(5000, 77);
const T0 = Date.parse('2025-08-01T00:00:00Z');

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

const [index, buildMs] = time(() => new DeclaredIndex(0, SUITE.map((p) => fingerprint(p, 0))));
const queries = [...SUITE.slice(0, 5000).map(wrapAsEvaluation), ...OTHER].map((q) => {
  const t = tokenize(q);
  return [t.hashes, wordFlags(t)] as const;
});
const [, matchMs] = time(() => queries.forEach(([h, f]) => index.match(h, f)));

const traffic = Array.from({ length: 30_000 }, (_, i) => {
  const kind = i % 3;
  const prompt = kind === 0 ? wrapAsEvaluation(SUITE[i % SUITE.length]) : kind === 1 ? OTHER[i % OTHER.length] : `Write a detailed answer about ${OTHER[i % OTHER.length].split(' ').slice(3, 5).join(' ')}`;
  return testRecord('bench', T0 + i * 500, prompt, { logprobs: i % 50 === 0 });
});
const monitor = new ExtractionMonitor({
  plans: [{ grantId: 'bench', suites: ['s'], suitePrompts: SUITE, expectedRequests: 20_000, maxRequestsPerHour: 5000, window: { start: T0, end: T0 + 86400_000 * 30 } }],
});
const [, observeMs] = time(() => traffic.forEach((r) => monitor.observe(r)));

const longPrompts = Array.from({ length: 500 }, (_, i) => [OTHER[i], ...OTHER.slice(i, i + 80)].join('\n') + wrapAsEvaluation(SUITE[i])); // ~2000 words each
const [, longMs] = time(() => longPrompts.forEach((p, i) => monitor.observe(testRecord('bench', T0 + 30_000 * 500 + i, p))));

// The same machine's speed on a plain FNV loop, so numbers from a loaded or slow machine can be scaled.
const calibration = 'abcdefghij klmnopqrst '.repeat(700);
const [, calMs] = time(() => {
  let x = 0;
  for (let k = 0; k < 200; k++) for (let i = 0; i < calibration.length; i++) x = Math.imul(x ^ calibration.charCodeAt(i), 16777619);
  return x;
});
const us = (ms: number, n: number) => ((ms * 1000) / n).toFixed(1);
console.log(
  `monitor: index ${SUITE.length} declared prompts in ${buildMs.toFixed(0)} ms; match ${us(matchMs, queries.length)} µs/prompt; ` +
    `observe ${us(observeMs, traffic.length)} µs/record (mixed 8-60-word prompts); observe ${us(longMs, longPrompts.length)} µs/record (~2000-word prompts); ` +
    `calibration ${((calMs * 1e6) / (200 * calibration.length)).toFixed(2)} ns/char for a plain hash loop`,
);
