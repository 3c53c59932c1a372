import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayLabels } from './progress-labels.js';

test('labels a user chose, and refs that fit, are shown whole', () => {
  assert.deepEqual(displayLabels(['lab-a (greedy)', 'lab-b (temperature 1.0)']), ['lab-a (greedy)', 'lab-b (temperature 1.0)']);
  assert.deepEqual(displayLabels(['openai:gpt-4.1', 'anthropic:claude-sonnet-4-5']), ['openai:gpt-4.1', 'anthropic:claude-sonnet-4-5']);
});

test('long refs that differ only in their URL keep what tells them apart, and never collide', () => {
  const a = 'openai:acme-large-reduced-safeguards@https://gateway.acme.example/v1';
  const b = 'openai:acme-large-reduced-safeguards@https://gateway.bravo.example/v1';
  const shown = displayLabels([a, b]);
  assert.notEqual(shown[0], shown[1]);
  assert.deepEqual(shown, ['acme-large-reduced-safeguards@gateway.acme.example', 'acme-large-reduced-safeguards@gateway.bravo.example']);
  const ports = displayLabels(['openai:m@http://127.0.0.1:40001/v1/very/long/path/here', 'openai:m@http://127.0.0.1:40002/v1/very/long/path/here']);
  assert.deepEqual(ports, ['openai:m@127.0.0.1:40001', 'openai:m@127.0.0.1:40002']);
});

test("an exercise's 'SUITE: ' prefix is kept and the model part shortened the same way", () => {
  const long = (host: string) => `hallucination: openai:a-model-with-a-long-name@https://${host}.example.org/v1`;
  assert.deepEqual(displayLabels([long('one'), long('two')]), ['hallucination: a-model-with-a-long-name@one.example.org', 'hallucination: a-model-with-a-long-name@two.example.org']);
});
