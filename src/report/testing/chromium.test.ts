import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserRequired, chromiumMissing, launchChromium } from './chromium.js';

const NOWHERE = '/nonexistent/crosscheck-test/chromium';

test('without chromium, browser tests skip with the reason locally and are required in CI', () => {
  assert.match(chromiumMissing({}, NOWHERE) || '', /no chromium at \/nonexistent\/crosscheck-test\/chromium \(apt-get install chromium/);
  assert.match(chromiumMissing({ CI: 'false' }, NOWHERE) || '', /no chromium/);
  assert.match(chromiumMissing({ CI: '0' }, NOWHERE) || '', /no chromium/);
  assert.equal(chromiumMissing({ CI: 'true' }, NOWHERE), false, 'CI never skips');
  assert.equal(chromiumMissing({ CI: '1' }, NOWHERE), false);
  assert.equal(chromiumMissing({}, process.execPath), false, 'an executable that exists is not missing');
  assert.deepEqual([browserRequired({}), browserRequired({ CI: '' }), browserRequired({ CI: 'yes' })], [false, false, true]);
});

test('launching a missing chromium fails loudly with what to install', async () => {
  await assert.rejects(launchChromium(undefined, NOWHERE), /browser tests must run in CI, but there is no chromium at \/nonexistent.*installs Debian's chromium/);
});
