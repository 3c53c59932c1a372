import { UsageError } from '../../core/errors.js';
import { adminRequest, adminTarget } from './admin-client.js';
import { type CommandIo, parseFlags, processIo } from './io.js';

export const GRANT_RESUME_USAGE = `usage: crosscheck grant resume GRANT_ID --reason TEXT [--config gateway.yaml] [--url URL]
Undoes a monitor suspension or throttle after a person has looked. Audited with its reason.
  --reason TEXT         why, kept in the audit log
  --config FILE         gateway.yaml, for the gateway's address and the admin key's variable (default gateway.yaml)
  --url URL             the gateway's address, when it is not the config's listen address`;

const options = { reason: { type: 'string' }, config: { type: 'string' }, url: { type: 'string' } } as const;

export function grantResumeCommand(argv: string[]): Promise<number> {
  return grantResume(argv, processIo);
}

/** Undoes a monitor suspension or throttle after a person has looked; audited with its reason. */
export async function grantResume(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, 'grant resume');
  if (positionals.length !== 1) throw new UsageError(`grant resume: give exactly one grant id\n${GRANT_RESUME_USAGE}`);
  if (!values.reason?.trim()) throw new UsageError('grant resume: --reason is required (it goes into the audit log)');
  const target = adminTarget(values.config ?? 'gateway.yaml', values.url, io.env);
  const { grant } = await adminRequest(target, 'POST', `/admin/grants/${encodeURIComponent(positionals[0])}/resume`, { reason: values.reason.trim() });
  const limits = Object.entries(grant.limits as Record<string, number>).map(([k, n]) => `${k}=${n}`).join(' ') || 'none';
  io.out(`resumed ${grant.id} (${grant.grantee}): status ${grant.status}, limits ${limits}\n`);
  return 0;
}
