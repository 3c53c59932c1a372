import { UsageError } from '../../core/errors.js';
import type { MonitorSummary } from '../monitor/monitor.js';
import type { GrantWithUsage } from '../store/gateway-store.js';
import { adminRequest, adminTarget } from './admin-client.js';
import { type CommandIo, formatNumber, parseFlags, processIo, table } from './io.js';

export const GRANT_LIST_USAGE = `usage: crosscheck grant list [--format text|json] [--config gateway.yaml] [--url URL]
Every grant with its usage and what the extraction monitor says of it.
  --config FILE         gateway.yaml, for the gateway's address and the admin key's variable (default gateway.yaml)
  --url URL             the gateway's address, when it is not the config's listen address
  --format text|json    a table (default), or JSON (--json)`;

const options = { json: { type: 'boolean' }, config: { type: 'string' }, url: { type: 'string' } } as const;

export function grantListCommand(argv: string[]): Promise<number> {
  return grantList(argv, processIo);
}

/** Every grant with its usage and what the extraction monitor says of it (`grant show ID` for all of it). */
export async function grantList(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, 'grant list');
  if (positionals.length) throw new UsageError(`grant list: unexpected argument "${positionals[0]}"\n${GRANT_LIST_USAGE}`);
  const target = adminTarget(values.config ?? 'gateway.yaml', values.url, io.env);
  const { grants } = (await adminRequest(target, 'GET', '/admin/grants')) as { grants: (GrantWithUsage & { monitor?: MonitorSummary | null })[] };
  if (values.json) {
    io.out(`${JSON.stringify(grants, null, 2)}\n`);
    return 0;
  }
  if (!grants.length) {
    io.out('no grants\n');
    return 0;
  }
  const rows = grants.map(({ grant: g, usage: u, monitor: m }) => [
    g.id, g.grantee, g.status, g.expiresAt?.slice(0, 16).replace('T', ' ') ?? 'never',
    g.models.map((x) => (x.variant ? `${x.name} [${x.variant}]` : x.name)).join(', '),
    String(u.requests), String(u.inputTokens + u.outputTokens),
    offPlan(m), String(m?.alerts ?? 0),
    m?.crossed.length ? m.crossed.map((c) => `${c.signal} ${formatNumber(c.value)}>${formatNumber(c.threshold)}${c.action === 'alert' ? '' : ` (${c.action})`}`).join(', ') : '-',
  ]);
  io.out(table(['grant', 'grantee', 'status', 'expires (UTC)', 'models', 'requests', 'tokens', 'off plan', 'alerts', 'over threshold'], rows));
  return 0;
}

function offPlan(m: MonitorSummary | null | undefined): string {
  if (!m) return '-';
  const judged = m.counts.onPlan + m.counts.offPlan;
  return judged ? `${((100 * m.counts.offPlan) / judged).toFixed(1)}%` : m.counts.undeclared ? 'undeclared' : '-';
}
