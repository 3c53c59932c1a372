/**
 * `crosscheck audit verify`: the grantee's check that the grantor's audit log was not tampered
 * with, using only the grantee's own checkpoints, receipts and the log's public key.
 *
 *   crosscheck audit verify --key KEY (--from FILE | --to FILE)... (--log EXPORT.jsonl | --gateway URL [--admin-key K])
 *                           [--receipts RECEIPTS.jsonl] [--json]
 *
 * Exit 0: clean; 1: tampering found; bad input throws UsageError (exit 2).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseFlags } from '../../core/parse-flags.js';
import { UsageError } from '../../core/errors.js';
import type { AuditReceipt } from '../contracts.js';
import { peekCheckpoint } from './checkpoint.js';
import { readCheckpointFile, readLogFile, readReceiptsFile } from './log-export.js';
import { gatewayProofSource } from './proof-http.js';
import { NoteError, parseVerifierKey, type VerifierKey } from './signed-note.js';
import { verifyAudit, verifyLogFile, type AuditReport } from './verify.js';

export const AUDIT_VERIFY_USAGE = `usage: crosscheck audit verify --key PUBLIC_KEY --from CHECKPOINT_A --to CHECKPOINT_B
                              (--log EXPORTED.jsonl | --gateway URL [--admin-key KEY])
                              [--receipts RECEIPTS.jsonl] [--json]
  --key        the log's verifier key (<name>+<hex id>+<base64>) or a file holding it
  --from/--to  files each holding one signed checkpoint you saved earlier / later
  --log        an exported audit log (offline check; every leaf hash is recomputed)
  --gateway    ask the gateway for proofs instead (admin key also read from CROSSCHECK_ADMIN_KEY)
  --receipts   the x-crosscheck-receipt values you kept, one per line
  --admin-key  the gateway's admin key, for --gateway
  --format text|json   text (default), or JSON (--json)`;

function parseKey(value: string): VerifierKey {
  const text = existsSync(value) ? readFileSync(value, 'utf8').trim() : value.trim();
  try {
    return parseVerifierKey(text);
  } catch (e) {
    throw new UsageError(`--key: ${(e as NoteError).message}`);
  }
}

function describe(note: string): string {
  try {
    const cp = peekCheckpoint(note);
    return `size ${cp.size}, root ${cp.rootHash.toString('hex').slice(0, 16)}…`;
  } catch (e) {
    return `unreadable (${(e as Error).message})`;
  }
}

export async function auditVerifyCommand(argv: string[], out: (line: string) => void = (l) => console.log(l)): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    key: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    log: { type: 'string' },
    gateway: { type: 'string' },
    'admin-key': { type: 'string' },
    receipts: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  }, 'audit verify');
  if (positionals.length) throw new UsageError(`audit verify: unexpected argument "${positionals[0]}"\n${AUDIT_VERIFY_USAGE}`);
  if (values.help) {
    out(AUDIT_VERIFY_USAGE);
    return 0;
  }
  if (!values.key) throw new UsageError(`--key is required\n${AUDIT_VERIFY_USAGE}`);
  if (!values.from && !values.to) throw new UsageError('give at least one saved checkpoint with --from and/or --to');
  if (!!values.log === !!values.gateway) throw new UsageError('give exactly one of --log FILE or --gateway URL');
  if (values.gateway && !/^https?:\/\//.test(values.gateway)) throw new UsageError(`--gateway must be an http(s) URL, got ${values.gateway}`);

  const verifier = parseKey(values.key);
  const checkpoints: string[] = [];
  for (const file of [values.from, values.to]) if (file) checkpoints.push(await readCheckpointFile(file));
  const receipts: AuditReceipt[] = values.receipts ? await readReceiptsFile(values.receipts) : [];

  let report: AuditReport;
  let source: string;
  if (values.log) {
    const log = await readLogFile(values.log);
    if (log.origin !== undefined && log.origin !== verifier.name) {
      throw new UsageError(`${values.log} is the log of ${log.origin}, but --key is for ${verifier.name}`);
    }
    report = verifyLogFile(log, { checkpoints, receipts, verifierKey: verifier });
    source = `exported log ${values.log} (${log.leaves.length} leaves, ${log.checkpoints.length} stored checkpoints)`;
  } else {
    const adminKey = values['admin-key'] ?? process.env.CROSSCHECK_ADMIN_KEY;
    report = await verifyAudit({ checkpoints, receipts, verifierKey: verifier, proofs: gatewayProofSource(values.gateway!, adminKey) });
    source = `gateway ${values.gateway}`;
  }

  if (values.json) {
    out(JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  }
  out(`audit verify: log ${verifier.name}, proofs from ${source}`);
  if (values.from) out(`  from: ${describe(checkpoints[0])}`);
  if (values.to) out(`  to:   ${describe(checkpoints[checkpoints.length - 1])}`);
  out(`  receipts: ${receipts.length}`);
  for (const note of report.notes) out(`  note: ${note}`);
  if (report.ok) {
    out(`OK: no tampering found${report.latestSize !== undefined ? ` (log proven up to size ${report.latestSize})` : ''}`);
    return 0;
  }
  out(`TAMPERING FOUND: ${report.problems.length} problem(s)`);
  for (const p of report.problems) out(`  [${p.kind}] ${p.detail}`);
  return 1;
}
