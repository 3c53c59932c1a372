import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from './errors.js';
import { parseFlags } from './parse-flags.js';

const options = { limit: { type: 'string' }, model: { type: 'string', multiple: true }, cache: { type: 'boolean' } } as const;
const fails = (argv: string[], message: RegExp, opts: Parameters<typeof parseFlags>[1] = options) =>
  assert.throws(() => parseFlags(argv, opts, 'eval'), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && !e.message.includes('\n') && message.test(e.message));

test('a negative number reaches the flag as its value, for the flag\'s own check to judge', () => {
  assert.equal(parseFlags(['--limit', '-1'], options, 'eval').values.limit, '-1');
  assert.equal(parseFlags(['--limit', '-0.5', 'suite'], options, 'eval').values.limit, '-0.5');
  assert.deepEqual(parseFlags(['--limit', '-1', 'suite'], options, 'eval').positionals, ['suite']);
  fails(['--limit', '--model', 'x'], /^eval: --limit needs a value; see crosscheck eval --help$/);
});

test('an unknown flag is one plain line, with the nearest known flag', () => {
  fails(['--modle', 'x'], /^eval: unknown option --modle \(did you mean --model\?\); see crosscheck eval --help$/);
  fails(['--lim', '3'], /unknown option --lim \(did you mean --limit\?\)/);
  fails(['--zzzzzz'], /^eval: unknown option --zzzzzz; see/);
  fails(['--cache=yes'], /--cache takes no value/);
});

test('--format json is the --json switch of commands that have one; --format text its default', () => {
  const withJson = { json: { type: 'boolean' }, url: { type: 'string' } } as const;
  assert.equal(parseFlags(['--format', 'json'], withJson, 'grant list').values.json, true);
  assert.equal(parseFlags(['--format=json'], withJson, 'grant list').values.json, true);
  assert.equal(parseFlags(['--format', 'text', '--url', 'u'], withJson, 'grant list').values.json, undefined);
  fails(['--format', 'csv'], /--format must be text or json, got "csv"/, withJson);
});
