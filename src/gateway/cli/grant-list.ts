import { UsageError } from '../../core/errors.js';
import type { GrantWithUsage } from '../store/gateway-store.js';
import { adminRequest, adminTarget } from './admin-client.js';
import { type CommandIo, parseFlags, processIo } from './io.js';

export const GRANT_LIST_USAGE = 'usage: crosscheck grant list [--json] [--config gateway.yaml] [--url URL]';

const options = { json: { type: 'boolean' }, config: { type: 'string' }, url: { type: 'string' } } as const;

export function grantListCommand(argv: string[]): Promise<number> {
  return grantList(argv, processIo);
}

export async function grantList(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, options, 'grant list');
  if (positionals.length) throw new UsageError(`grant list: unexpected argument "${positionals[0]}"\n${GRANT_LIST_USAGE}`);
  const target = adminTarget(values.config ?? 'gateway.yaml', values.url, io.env);
  const { grants } = (await adminRequest(target, 'GET', '/admin/grants')) as { grants: GrantWithUsage[] };
  if (values.json) {
    io.out(`${JSON.stringify(grants, null, 2)}\n`);
    return 0;
  }
  if (!grants.length) {
    io.out('no grants\n');
    return 0;
  }
  const rows = grants.map(({ grant: g, usage: u }) => [
    g.id, g.grantee, g.status, g.expiresAt?.slice(0, 16).replace('T', ' ') ?? 'never',
    g.models.map((m) => (m.variant ? `${m.name} [${m.variant}]` : m.name)).join(', '),
    String(u.requests), String(u.inputTokens + u.outputTokens),
  ]);
  io.out(table(['grant', 'grantee', 'status', 'expires (UTC)', 'models', 'requests', 'tokens'], rows));
  return 0;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}
