import { hashesEqual, hashKey } from '../grants/keys.js';
import type { GatewayContext } from './context.js';
import { GatewayError } from './gateway-error.js';

/**
 * The grant a key belongs to, whatever its status: the store is asked on every call (see
 * GatewayStore for how fresh its answer is) and the hash compared in constant time.
 * Throws the provider-style authentication errors for a missing or unknown key.
 */
export async function grantForKey(g: GatewayContext, key: string | undefined) {
  if (!key) throw new GatewayError('authentication', 'missing_api_key', 'No API key provided.');
  const keyHash = hashKey(key);
  const found = await g.store.findByKeyHash(keyHash);
  if (!found || !hashesEqual(found.keyHash, keyHash)) throw new GatewayError('authentication', 'invalid_api_key', 'Incorrect API key provided.');
  return found;
}
