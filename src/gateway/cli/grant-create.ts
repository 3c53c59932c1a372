import { UsageError } from '../../core/errors.js';
import type { Grant } from '../grants/grant.js';
import { readPromptFile } from '../monitor/prompt-file.js';
import { adminRequest, adminTarget } from './admin-client.js';
import { type CommandIo, countFlag, listFlag, parseFlags, processIo } from './io.js';

export const GRANT_CREATE_USAGE = `usage: crosscheck grant create --to GRANTEE --models A,B [--expires 30d] [--rpm N] [--tpm N]
         [--max-tokens-total N] [--max-concurrent N] [--purpose TEXT] [--suites a,b]
         [--max-tokens-per-call N] [--prompts FILE ...] [--expected-requests N] [--expected-tokens N]
         [--deny logit_bias,...] [--max-logprobs N] [--max-n N] [--allow-list [--allow FIELD,...]]
         [--allow-reasoning] [--generated-turns]
         [--on-signal SIGNAL=alert|throttle|suspend,...] [--monitor-threshold NAME=VALUE,...]
         [--config gateway.yaml] [--url URL] [--json]
Prints the new grant and its key. The key is shown only this once.
--prompts declares the evaluation's prompts (a suite .jsonl/.json/.yaml/.txt, or a fingerprint file
made with \`crosscheck grant fingerprint\`), so the extraction monitor can tell it from other traffic.`;

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
  'expected-tokens': { type: 'string' },
  prompts: { type: 'string', multiple: true },
  'allow-reasoning': { type: 'boolean' },
  'generated-turns': { type: 'boolean' },
  'monitor-threshold': { type: 'string', multiple: true },
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
    ...(v['on-signal'] ? { onSignal: pairs(listFlag(v['on-signal']) ?? [], '--on-signal', 'SIGNAL=ACTION') } : {}),
    expectedRequests: countFlag(v['expected-requests'], 'expected-requests'),
    expectedTokens: countFlag(v['expected-tokens'], 'expected-tokens'),
    ...(v['allow-reasoning'] ? { allowReasoning: true } : {}),
    ...(v['generated-turns'] ? { generatedTurns: true } : {}),
    ...(v.prompts ? { declaredPrompts: v.prompts.map(readPromptFile) } : {}),
    ...(v['monitor-threshold'] ? { monitorThresholds: thresholds(listFlag(v['monitor-threshold']) ?? []) } : {}),
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
      `declared ${grant.declaredPrompts ? `${grant.declaredPrompts.count} prompts (${grant.declaredPrompts.sources.map((x) => `${x.name}: ${x.count} ${x.kind}`).join(', ')})` : '-'}`,
      '',
      `key      ${key}`,
      'This key is shown only now: hand it to the grantee over a secure channel. The gateway keeps only its hash.',
      '',
    ].join('\n'),
  );
  return 0;
}

/** `--on-signal off_suite_share=throttle,hidden_reasoning=suspend` → { off_suite_share: 'throttle', ... } */
function pairs(list: string[], flag: string, shape: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of list) {
    const [name, value] = pair.split('=');
    if (!name?.trim() || !value?.trim()) throw new UsageError(`${flag} takes ${shape}, got "${pair}"`);
    out[name.trim()] = value.trim();
  }
  return out;
}

/** `--monitor-threshold offSuiteShare=0.3` → { offSuiteShare: 0.3 } (the gateway checks the names). */
function thresholds(list: string[]): Record<string, number> {
  return Object.fromEntries(
    Object.entries(pairs(list, '--monitor-threshold', 'NAME=VALUE')).map(([name, value]) => {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`--monitor-threshold ${name}: "${value}" is not a number`);
      return [name, n];
    }),
  );
}
