import { UsageError } from '../../core/errors.js';
import { adminRequest, adminTarget } from './admin-client.js';
import { type CommandIo, parseFlags, processIo } from './io.js';

export const GRANT_REVOKE_USAGE = `usage: crosscheck grant revoke GRANT_ID --reason TEXT [--config gateway.yaml] [--url URL]
Revokes at once: the gateway refuses the grant's next request. Audited with its reason.
  --reason TEXT         why, kept in the audit log
  --config FILE         gateway.yaml, for the gateway's address and the admin key's variable (default gateway.yaml)
  --url URL             the gateway's address, when it is not the config's listen address`;

const options = { reason: { type: 'string' }, config: { type: 'string' }, url: { type: 'string' } } as const;

export function grantRevokeCommand(argv: string[]): Promise<number> {
  return grantRevoke(argv, processIo);
}

/** Revokes at once: the gateway refuses the grant's next request. */
export async function grantRevoke(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, 'grant revoke');
  if (positionals.length !== 1) throw new UsageError(`grant revoke: give exactly one grant id\n${GRANT_REVOKE_USAGE}`);
  if (!values.reason?.trim()) throw new UsageError('grant revoke: --reason is required (it goes into the audit log)');
  const target = adminTarget(values.config ?? 'gateway.yaml', values.url, io.env);
  const { grant } = await adminRequest(target, 'POST', `/admin/grants/${encodeURIComponent(positionals[0])}/revoke`, { reason: values.reason.trim() });
  io.out(`revoked ${grant.id} (${grant.grantee}) at ${grant.statusChangedAt}: ${grant.statusReason}\n`);
  return 0;
}
