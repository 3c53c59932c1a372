import { after, before, describe, it } from 'node:test';

/**
 * TEST HELPER: node:test's `describe`, `it`, `before` and `after` for tests that need a local
 * service (redis-server, PostgreSQL). Where `missing` names why the service is unavailable, every
 * test is registered as skipped with that reason (so the runner's summary counts each one as
 * skipped: Node 20 counts a skipped `describe` as a suite and its tests not at all) and the hooks,
 * which would start the service, do not run.
 *
 *   const { describe, it, before, after } = needsService(redisUnavailable());
 */
export function needsService(missing: string | undefined) {
  if (!missing) return { describe, it, before, after };
  console.log(`# skipping: ${missing}`);
  const skipped = (name: string) => it(name, { skip: missing }, () => {});
  const noHook = () => {};
  return { describe, it: skipped as unknown as typeof it, before: noHook as typeof before, after: noHook as typeof after };
}
