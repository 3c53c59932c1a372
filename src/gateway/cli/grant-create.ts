import { UsageError } from '../../core/errors.js';
import type { Grant } from '../grants/grant.js';
import { adminRequest, adminTarget } from './admin-client.js';
import { type CommandIo, countFlag, listFlag, parseFlags, processIo } from './io.js';

export const GRANT_CREATE_USAGE = `usage: crosscheck grant create --to GRANTEE --models A,B [--expires 30d] [--rpm N] [--tpm N]
         [--max-tokens-total N] [--max-concurrent N] [--purpose TEXT] [--suites a,b]
         [--max-tokens-per-call N] [--deny logit_bias,...] [--max-logprobs N] [--max-n N]
         [--allow-list [--allow FIELD,...]] [--expected-requests N]
         [--on-signal SIGNAL=alert|throttle|suspend,...] [--config gateway.yaml] [--url URL] [--json]
Prints the new grant and its key. The key is shown only this once.`;

const options = {
  to: { type: 'string' },
  models: { type: 'string', multiple: true },
  expires: { type: 'string' },
  rpm: { type: 'string' },
  tpm: { type: 'string' },
  'max-tokens-total': { type: 'string' },
  'max-concurrent': { type: 'string' },
  'max-tokens-per-call': { type: 'string' },
  'allow-list': { type: 'boolean' },
  allow: { type: 'string', multiple: true },
  purpose: { type: 'string' },
  suites: { type: 'string', multiple: true },
  deny: { type: 'string', multiple: true },
  'on-signal': { type: 'string', multiple: true },
  'expected-requests': { type: 'string' },
  'max-logprobs': { type: 'string' },
  'max-n': { type: 'string' },
  config: { type: 'string' },
  url: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export function grantCreateCommand(argv: string[]): Promise<number> {
  return grantCreate(argv, processIo);
}

export async function grantCreate(argv: string[], io: CommandIo): Promise<number> {
  const { values: v, positionals } = parseFlags(argv, options, 'grant create');
  if (positionals.length) throw new UsageError(`grant create: unexpected argument "${positionals[0]}"\n${GRANT_CREATE_USAGE}`);
  if (!v.to) throw new UsageError('grant create: --to GRANTEE is required');
  if (v.allow && !v['allow-list']) throw new UsageError('grant create: --allow adds fields to an allow-list grant: give --allow-list too');
  const models = listFlag(v.models);
  if (!models) throw new UsageError('grant create: --models is required (comma-separated model names from gateway.yaml)');
  const request = {
    grantee: v.to,
    models,
    expires: v.expires,
    purpose: v.purpose,
    suites: listFlag(v.suites),
    limits: {
      rpm: countFlag(v.rpm, 'rpm'),
      tpm: countFlag(v.tpm, 'tpm'),
      maxTokensTotal: countFlag(v['max-tokens-total'], 'max-tokens-total'),
      maxConcurrent: countFlag(v['max-concurrent'], 'max-concurrent'),
      maxTokensPerCall: countFlag(v['max-tokens-per-call'], 'max-tokens-per-call'),
    },
    policy: {
      deny: listFlag(v.deny),
      maxLogprobs: countFlag(v['max-logprobs'], 'max-logprobs', 0),
      maxN: countFlag(v['max-n'], 'max-n'),
      ...(v['allow-list'] ? { allowList: true, allow: listFlag(v.allow) } : {}),
    },
    ...(v['on-signal'] ? { onSignal: signalActions(listFlag(v['on-signal']) ?? []) } : {}),
    expectedRequests: countFlag(v['expected-requests'], 'expected-requests'),
  };
  const target = adminTarget(v.config ?? 'gateway.yaml', v.url, io.env);
  const { grant, key } = (await adminRequest(target, 'POST', '/admin/grants', request)) as { grant: Grant; key: string };
  if (v.json) {
    io.out(`${JSON.stringify({ grant, key }, null, 2)}\n`);
    return 0;
  }
  const limits = Object.entries(grant.limits).map(([k, n]) => `${k}=${n}`).join(' ') || 'none';
  io.out(
    [
      `grant    ${grant.id}`,
      `grantee  ${grant.grantee}`,
      `models   ${grant.models.map((m) => (m.variant ? `${m.name} [${m.variant}]` : m.name)).join(', ')}`,
      `expires  ${grant.expiresAt ?? 'never'}`,
      `limits   ${limits}`,
      `policy   deny=${grant.policy.deny.join(',') || '-'} max-logprobs=${grant.policy.maxLogprobs ?? '-'} max-n=${grant.policy.maxN ?? '-'}${grant.policy.allowList ? ` allow-list${grant.policy.allow?.length ? `+${grant.policy.allow.join(',')}` : ''}` : ''}`,
      `purpose  ${grant.purpose || '-'}`,
      `suites   ${grant.suites.join(', ') || '-'}`,
      '',
      `key      ${key}`,
      'This key is shown only now: hand it to the grantee over a secure channel. The gateway keeps only its hash.',
      '',
    ].join('\n'),
  );
  return 0;
}

/** `--on-signal off_suite_share=throttle,hidden_reasoning=suspend` → { off_suite_share: 'throttle', ... } */
function signalActions(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const [signal, action] = pair.split('=');
    if (!signal || !action) throw new UsageError(`--on-signal takes SIGNAL=ACTION, got "${pair}"`);
    out[signal.trim()] = action.trim();
  }
  return out;
}
