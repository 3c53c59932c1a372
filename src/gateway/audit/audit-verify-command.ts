/**
 * `crosscheck audit verify`: the grantee's check that the grantor's audit log was not tampered
 * with, using only the grantee's own checkpoints, receipts and the log's public key.
 *
 *   crosscheck audit verify --key KEY (--from FILE | --to FILE)... (--log EXPORT.jsonl | --gateway URL [--key-env NAME])
 *                           [--receipts RECEIPTS.jsonl] [--json]
 *
 * The key the gateway is asked with is read from the environment, never from argv (which `ps` shows).
 *
 * Exit 0: clean; 1: tampering found; bad input throws UsageError (exit 2).
 */
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import type { AuditReceipt } from '../contracts.js';
import { peekCheckpoint } from './checkpoint.js';
import { auditFlags } from './cli-flags.js';
import { readCheckpointFile, readLogFile, readReceiptsFile } from './log-export.js';
import { gatewayProofSource } from './proof-http.js';
import { NoteError, parseVerifierKey, type VerifierKey } from './signed-note.js';
import { verifyAudit, verifyLogFile, type AuditReport } from './verify.js';

export const AUDIT_VERIFY_USAGE = `usage: crosscheck audit verify --key PUBLIC_KEY --from CHECKPOINT_A --to CHECKPOINT_B
                              (--log EXPORTED.jsonl | --gateway URL [--key-env NAME])
                              [--receipts RECEIPTS.jsonl] [--json]
  --key        the log's verifier key (<name>+<hex id>+<base64>) or a file holding it
  --from/--to  files each holding one signed checkpoint you saved earlier / later
  --log        an exported audit log (\`crosscheck audit export\`): every leaf is recomputed from its entry
  --gateway    ask the gateway for proofs instead (checks leaf hashes only, not the entries)
  --key-env    the variable holding your grant key (or the admin key) for --gateway
               (default: CROSSCHECK_GATEWAY_KEY, else CROSSCHECK_ADMIN_KEY); keys never go on the command line
  --receipts   the x-crosscheck-receipt values you kept, one per line (their signatures are checked)`;

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

/** The key to ask a gateway with: from the variable `--key-env` names, else the usual ones. Never from argv. */
export function gatewayKeyFromEnv(name: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (name) {
    const v = env[name]?.trim();
    if (!v) throw new UsageError(`--key-env ${name}: the variable is not set`);
    return v;
  }
  return env.CROSSCHECK_GATEWAY_KEY?.trim() || env.CROSSCHECK_ADMIN_KEY?.trim() || undefined;
}

export async function auditVerifyCommand(argv: string[], out: (line: string) => void = (l) => console.log(l), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const values = auditFlags(argv, {
    key: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    log: { type: 'string' },
    gateway: { type: 'string' },
    'key-env': { type: 'string' },
    receipts: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  }, AUDIT_VERIFY_USAGE);
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
    const apiKey = gatewayKeyFromEnv(values['key-env'], env);
    report = await verifyAudit({ checkpoints, receipts, verifierKey: verifier, proofs: gatewayProofSource(values.gateway!, apiKey) });
    source = `gateway ${values.gateway}`;
  }

  if (values.json) {
    out(JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  }
  out(`audit verify: log ${verifier.name}, proofs from ${source}`);
  if (values.from) out(`  from: ${describe(checkpoints[0])}`);
  if (values.to) out(`  to:   ${describe(checkpoints[checkpoints.length - 1])}`);
  out(`  receipts: ${receipts.length} (${report.checked.signedReceipts} with a valid signature)`);
  for (const note of report.notes) out(`  note: ${note}`);
  if (report.ok) {
    out(`OK: no tampering found${report.latestSize !== undefined ? ` (log proven up to size ${report.latestSize})` : ''}`);
    return 0;
  }
  out(`TAMPERING FOUND: ${report.problems.length} problem(s)`);
  for (const p of report.problems) out(`  [${p.kind}] ${p.detail}`);
  return 1;
}
