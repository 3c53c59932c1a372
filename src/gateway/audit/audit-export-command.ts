/**
 * `crosscheck audit export`: the whole audit log as JSON Lines (log-export.ts), for the full
 * check `crosscheck audit verify --log FILE`, which recomputes every leaf from its entry.
 *
 *   crosscheck audit export --gateway URL --out FILE      (admin key from CROSSCHECK_ADMIN_KEY, or --key-env NAME)
 *   crosscheck audit export --db gateway-audit.db --out FILE   (a log no gateway holds open)
 */
import { UsageError } from '../../core/errors.js';
import { AuditLog } from './audit-log.js';
import { auditFlags } from './cli-flags.js';
import { gatewayKeyFromEnv } from './audit-verify-command.js';
import { JournaledAuditStorage } from './journaled-audit-storage.js';
import { peekCheckpoint } from './checkpoint.js';
import { LOG_FORMAT, exportLines, writeLines } from './log-export.js';
import { generateSignerKey } from './signed-note.js';

export const AUDIT_EXPORT_USAGE = `usage: crosscheck audit export (--gateway URL [--key-env NAME] | --db AUDIT.db) --out FILE
  --gateway  a running gateway: GET /audit/export with the admin key (from CROSSCHECK_ADMIN_KEY,
             or the variable --key-env names; keys never go on the command line)
  --db       the log's SQLite file, when no gateway has it open (it is held exclusively)
  --out      where to write the JSON Lines export (created readable by you only)`;

export async function auditExportCommand(argv: string[], out: (line: string) => void = (l) => console.log(l), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const values = auditFlags(argv, {
    gateway: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' }, 'key-env': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
  }, AUDIT_EXPORT_USAGE);
  if (values.help) {
    out(AUDIT_EXPORT_USAGE);
    return 0;
  }
  if (!!values.gateway === !!values.db) throw new UsageError(`give exactly one of --gateway URL or --db FILE\n${AUDIT_EXPORT_USAGE}`);
  if (!values.out) throw new UsageError(`--out FILE is required\n${AUDIT_EXPORT_USAGE}`);
  const counts = values.gateway
    ? await fromGateway(values.gateway, values['key-env'] ? gatewayKeyFromEnv(values['key-env'], env) : env.CROSSCHECK_ADMIN_KEY?.trim(), values.out)
    : await fromFile(values.db!, values.out);
  out(`audit export: ${counts.size} leaves and ${counts.checkpoints} checkpoints written to ${values.out}`);
  return 0;
}

async function fromGateway(url: string, adminKey: string | undefined, file: string) {
  if (!/^https?:\/\//.test(url)) throw new UsageError(`--gateway must be an http(s) URL, got ${url}`);
  if (!adminKey) throw new UsageError('set CROSSCHECK_ADMIN_KEY (or name the variable with --key-env): the export is for the admin');
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/+$/, '')}/audit/export`, { headers: { authorization: `Bearer ${adminKey}` } });
  } catch (e) {
    throw new UsageError(`cannot reach ${url}: ${(e as Error).message}`);
  }
  if (!res.ok || !res.body) throw new UsageError(`${url}/audit/export: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  const decoder = new TextDecoder();
  async function* lines(): AsyncGenerator<string> {
    let rest = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      rest += decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = rest.indexOf('\n')) >= 0) {
        yield rest.slice(0, nl + 1);
        rest = rest.slice(nl + 1);
      }
    }
    if (rest) yield rest;
  }
  return writeLines(file, lines());
}

/** A stopped gateway's log, read from its file. Its origin comes from its stored checkpoints; nothing new is signed. */
async function fromFile(db: string, file: string) {
  const storage = JournaledAuditStorage.open(db);
  const notes = await storage.checkpoints();
  const origin = notes.length ? peekCheckpoint(notes[notes.length - 1].note).origin : 'unknown-log';
  // The log is opened with a throwaway key (it signs nothing here); the export's header then names no verifier key.
  const log = await AuditLog.open(storage, generateSignerKey(origin).signerKey);
  try {
    async function* withoutKey(): AsyncGenerator<string> {
      for await (const line of exportLines(log, { signCheckpoint: false })) {
        yield line.startsWith(`{"type":"header","format":"${LOG_FORMAT}"`) ? line.replace(/,"verifierKey":"[^"]*"/, '') : line;
      }
    }
    return await writeLines(file, withoutKey());
  } finally {
    await log.close();
  }
}
