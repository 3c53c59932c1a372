import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../core/errors.js';
import { modelDefaults, modelSpecs, parseModelFlag } from './model-flags.js';
import { parse } from './args.js';
import { demoTargets } from './demo.js';
import { buildConfig, EVAL_OPTIONS } from './eval.js';

test('--model [LABEL=]REF[,SETTING=VALUE...]: a label, a ref, and settings', () => {
  assert.deepEqual(parseModelFlag('openai:gpt-4.1'), { ref: 'openai:gpt-4.1', settings: [] });
  assert.deepEqual(parseModelFlag('hot=llamacpp:./m.gguf,temperature=1,max-tokens=48'), {
    label: 'hot', ref: 'llamacpp:./m.gguf', settings: [['temperature', '1'], ['max-tokens', '48']],
  });
  assert.deepEqual(parseModelFlag('lab-a (greedy)=openai:m@http://h:8000/v1?x=y'), { label: 'lab-a (greedy)', ref: 'openai:m@http://h:8000/v1?x=y', settings: [] });
  assert.equal(parseModelFlag('openai:m@http://h/v1?a=1,b').ref, 'openai:m@http://h/v1?a=1,b', 'a comma in the ref that starts no setting stays in the ref');
  assert.throws(() => parseModelFlag('openai:m,temprature=1'), (e: unknown) => e instanceof UsageError && /unknown setting "temprature"/.test(e.message));
  assert.throws(() => parseModelFlag('x=nope:m'), (e: unknown) => e instanceof UsageError && /unknown provider "nope"/.test(e.message));
});

test('a model\'s settings override the global flags for that model only', () => {
  const defaults = modelDefaults({ temperature: '0.5', 'max-tokens': '48', concurrency: '2' }, {}, { cache: false });
  const [a, b] = modelSpecs(['a=openai:m', 'b=openai:m,temperature=1,concurrency=5,lab=acme,cache=on'], defaults);
  assert.deepEqual(a, { label: 'a', ref: 'openai:m', lab: 'openai', params: { temperature: 0.5, maxTokens: 48 }, limits: { concurrency: 2 }, cache: false });
  assert.deepEqual(b, { label: 'b', ref: 'openai:m', lab: 'acme', params: { temperature: 1, maxTokens: 48 }, limits: { concurrency: 5 }, cache: true });
  assert.throws(() => modelSpecs(['x=openai:m,temperature=3'], defaults), (e: unknown) => e instanceof UsageError && /^--model x: temperature must be a number between 0 and 2, got "3"$/.test(e.message));
  assert.throws(() => modelSpecs(['openai:m', 'openai:m'], defaults), (e: unknown) => e instanceof UsageError && /two --models are named "openai:m"/.test(e.message));
});

test('the demo\'s comparison (one model greedy and at temperature 1.0) is one eval command', () => {
  const { values, positionals } = parse([
    'hallucination', '--model', 'lab-a (greedy)=llamacpp:./tiny.gguf,temperature=0,lab=lab-a (greedy)',
    '--model', 'lab-b (temperature 1.0)=llamacpp:./tiny.gguf,temperature=1,lab=lab-b (temperature 1.0)',
    '--max-tokens', '48', '--seed', '1', '--concurrency', '1',
  ], EVAL_OPTIONS, 'eval');
  assert.deepEqual(buildConfig(values, positionals).targets, demoTargets('llamacpp:./tiny.gguf'));
});

test('--system-role both runs each model twice, one per instruction role; a model that sets its own role keeps it', () => {
  const { values, positionals } = parse([
    'hallucination', '--model', 'openai:m', '--model', 'dev=openai:m,system-role=developer', '--system-role', 'both', '--temperature', '0',
  ], EVAL_OPTIONS, 'eval');
  const targets = buildConfig(values, positionals).targets;
  assert.deepEqual(targets.map((t) => [t.label, t.params.systemRole, t.params.temperature]), [
    ['openai:m (system role)', 'system', 0], ['openai:m (developer role)', 'developer', 0], ['dev', 'developer', 0],
  ]);
});
