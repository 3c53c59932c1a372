import assert from 'node:assert/strict';
import { ProviderError } from '../../core/errors.js';

/**
 * Test helper: awaits a call that must fail, and checks what every provider failure must be:
 * a ProviderError, on one line, never containing the API key.
 */
export async function expectProviderError(call: Promise<unknown>, secret: string): Promise<ProviderError> {
  const err = await call.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof ProviderError, `expected ProviderError, got ${String(err)}`);
  assert.ok(!err.message.includes(secret), 'the key must never appear in an error');
  assert.ok(!err.message.includes('\n'), 'errors are one line');
  return err;
}
