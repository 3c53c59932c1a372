import { UsageError } from '../../core/errors.js';
import type { Grant, UsageTotals } from '../grants/grant.js';
import type { GrantSnapshot, SignalStatus } from '../monitor/monitor.js';
import { adminRequest, adminTarget } from './admin-client.js';
import { type CommandIo, formatNumber, parseFlags, processIo, table } from './io.js';

export const GRANT_SHOW_USAGE = `usage: crosscheck grant show GRANT_ID [--format text|json] [--config gateway.yaml] [--url URL]
One grant in full: its terms, its plan, every monitor signal against its threshold, what was raised and done.
  --config FILE         gateway.yaml, for the gateway's address and the admin key's variable (default gateway.yaml)
  --url URL             the gateway's address, when it is not the config's listen address
  --format text|json    text (default), or JSON (--json)`;

const options = { json: { type: 'boolean' }, config: { type: 'string' }, url: { type: 'string' } } as const;

export function grantShowCommand(argv: string[]): Promise<number> {
  return grantShow(argv, processIo);
}

/** One grant in full: its terms, its plan, every monitor signal against its threshold, and what was raised and done. */
export async function grantShow(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, 'grant show');
  if (positionals.length !== 1) throw new UsageError(`grant show: give exactly one grant id\n${GRANT_SHOW_USAGE}`);
  const target = adminTarget(values.config ?? 'gateway.yaml', values.url, io.env);
  const found = (await adminRequest(target, 'GET', `/admin/grants/${encodeURIComponent(positionals[0])}`)) as { grant: Grant; usage: UsageTotals; monitor: GrantSnapshot | null };
  if (values.json) {
    io.out(`${JSON.stringify(found, null, 2)}\n`);
    return 0;
  }
  const { grant: g, usage: u, monitor: m } = found;
  const lines = [
    `grant     ${g.id}`,
    `grantee   ${g.grantee}`,
    `status    ${g.status}${g.statusReason ? ` since ${g.statusChangedAt}: ${g.statusReason}` : ''}`,
    `models    ${g.models.map((x) => (x.variant ? `${x.name} [${x.variant}]` : x.name)).join(', ')}`,
    `expires   ${g.expiresAt ?? 'never'}`,
    `limits    ${Object.entries(g.limits).map(([k, n]) => `${k}=${n}`).join(' ') || 'none'}${g.limitsBeforeThrottle ? ` (throttled by the monitor; before: ${Object.entries(g.limitsBeforeThrottle).map(([k, n]) => `${k}=${n}`).join(' ') || 'none'})` : ''}`,
    `policy    deny=${g.policy.deny.join(',') || '-'} max-logprobs=${g.policy.maxLogprobs ?? '-'} max-n=${g.policy.maxN ?? '-'}${g.allowReasoning ? ' reasoning=allowed' : ''}`,
    `purpose   ${g.purpose || '-'}`,
    `suites    ${g.suites.join(', ') || '-'}`,
    `declared  ${g.declaredPrompts ? `${g.declaredPrompts.count} prompts (${g.declaredPrompts.sources.map((x) => `${x.name}: ${x.count} ${x.kind}`).join(', ')})${g.generatedTurns ? '; later user turns generated at run time' : ''}` : '-'}`,
    `expected  requests=${g.expectedRequests ?? '-'} tokens=${g.expectedTokens ?? '-'}`,
    `usage     ${u.requests} requests, ${u.inputTokens + u.outputTokens} tokens (${u.inputTokens} in, ${u.outputTokens} out)`,
  ];
  if (!m) {
    io.out(`${lines.join('\n')}\nmonitor   off (or not told of this grant)\n`);
    return 0;
  }
  const c = m.counts;
  lines.push(
    `plan      ${m.planDeclared ? `${m.declaredPrompts} declared prompts; logprobs ${m.flags.logprobs}, n>1 ${m.flags.multipleSamples}, reasoning ${m.flags.reasoning}` : 'undeclared (only plan-free signals judge this grant)'}`,
    `traffic   ${c.requests} requests: ${c.onPlan} on plan, ${c.offPlan} off plan (${c.piggyback} carrying a declared prompt plus other content), ${c.undeclared} undeclared; ${c.refused} refused for what the grant forbids`,
    '',
  );
  io.out(lines.join('\n') + '\n');
  io.out(table(['signal', 'scope', 'value', 'threshold', 'state', 'on crossing', 'how'], m.signals.map(signalRow)));
  io.out(m.events.length ? `\nalerts and actions (newest last):\n${m.events.map((e) => `  ${new Date(e.time).toISOString()}  ${e.kind.padEnd(7)} ${e.signal ?? ''}${e.action && e.kind === 'alert' ? ` → ${e.action}` : ''}: ${e.text}`).join('\n')}\n` : '\nno alerts\n');
  return 0;
}

function signalRow(s: SignalStatus): string[] {
  const state = !s.enabled ? 'off' : !s.ready ? 'gathering' : s.crossed ? (s.armed ? 'OVER' : 'OVER (alerted)') : 'ok';
  return [s.signal, s.scope, formatNumber(s.value), formatNumber(s.threshold), state, s.action, s.detail.length > 110 ? `${s.detail.slice(0, 107)}...` : s.detail];
}
