import { UsageError } from '../core/errors.js';
import { readBundle, readDisclosed } from '../bundle/read.js';
import { verifyBundle, type VerifyOptions, type VerifyResult } from '../bundle/verify.js';
import { gatewaySource, proofsFileSource, readProofsFile } from '../bundle/leaf-sources.js';
import type { GatewayRecord } from '../bundle/format.js';
import type { BundleContents } from '../bundle/read.js';
import { gatewayKeyFromEnv } from '../gateway/audit/audit-verify-command.js';
import { parseVerifierKey, verifierKeyOf, type VerifierKey } from '../gateway/audit/signed-note.js';
import { parse } from './args.js';
import { checkpointFile, verifierKeyArg } from './bundle-flags.js';

const options = {
  key: { type: 'string' },
  disclosed: { type: 'string' },
  'gateway-checkpoint': { type: 'string' },
  proofs: { type: 'string' },
  gateway: { type: 'string' },
  'gateway-key': { type: 'string' },
  'key-env': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const BUNDLE_VERIFY_USAGE = `crosscheck bundle verify FILE [--key LAB_KEY] [--disclosed WITHHELD.jsonl]
  [--gateway-checkpoint NOTE --proofs PROOFS.json | --gateway URL [--key-env NAME]] [--gateway-key KEY] [--json]
Offline: the signature (by --key, else the key the bundle names: compare it with the lab's),
the Merkle root, every record, that the records fit together (every score has its transcript,
every kept gateway reply says what its transcript says), and that every number of the report
recomputes from the scores. Against the model owner's log: every call's receipts signed by the
log key, its leaves proven in the checkpoint NOTE by the owner's PROOFS (crosscheck bundle
proofs), or asked of the gateway at URL (key from CROSSCHECK_GATEWAY_KEY, else
CROSSCHECK_ADMIN_KEY, or the variable --key-env names; a grant key may make 5 audit requests a
second, two per call: the owner's admin key or a proofs file is not limited), and the kept bytes'
salted hashes equal to the logged ones. --gateway-key: the log key you trust (default: the gateway's own, or the one
the bundle recorded). Exit 0: verified; 2: it does not verify (one line per problem).`;

export async function bundleVerifyCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parse(argv, options, 'bundle verify');
  if (positionals.length !== 1) throw new UsageError('bundle verify takes one bundle file: crosscheck bundle verify FILE');
  if (!!values.proofs !== !!values['gateway-checkpoint']) throw new UsageError('--proofs and --gateway-checkpoint go together: the owner\'s proofs, and the checkpoint you trust');
  if (values.proofs && values.gateway) throw new UsageError('give either --gateway-checkpoint NOTE --proofs FILE or --gateway URL, not both');
  if (values.gateway && !/^https?:\/\//.test(values.gateway)) throw new UsageError(`--gateway must be an http(s) URL, got ${values.gateway}`);

  const bundle = await readBundle(positionals[0]);
  const opts: VerifyOptions = {};
  if (values.key) opts.key = verifierKeyArg(values.key, 'key');
  if (values.disclosed) opts.disclosed = { records: await readDisclosed(values.disclosed), file: values.disclosed };
  const trusted = values['gateway-key'] ? verifierKeyArg(values['gateway-key'], 'gateway-key') : undefined;
  const notes: string[] = [];
  if (values.proofs) {
    const key = trusted ?? recordedGatewayKey(bundle, notes);
    const proofs = await readProofsFile(values.proofs);
    if (proofs.origin !== key.name) throw new UsageError(`${values.proofs} holds proofs of the log ${proofs.origin}, not ${key.name}`);
    opts.gateway = { key, source: proofsFileSource(proofs, values.proofs, checkpointFile(values['gateway-checkpoint']!, 'gateway-checkpoint')) };
  } else if (values.gateway) {
    const source = await gatewaySource(values.gateway, gatewayKeyFromEnv(values['key-env'], env));
    const served = parseVerifierKey((await source.key().catch((e: Error) => { throw new UsageError(`cannot get the log key from ${values.gateway}: ${e.message}`); })).verifierKey);
    if (trusted && verifierKeyOf(trusted) !== verifierKeyOf(served)) {
      throw new UsageError(`the gateway at ${values.gateway} signs with ${verifierKeyOf(served)}, not the --gateway-key you trust`);
    }
    opts.gateway = { key: trusted ?? served, source, url: values.gateway };
    if (!trusted) notes.push(`trusting the log key the gateway serves (${verifierKeyOf(served)}): compare it with the one its owner publishes, or pass --gateway-key`);
  }

  const result = await verifyBundle(bundle, opts);
  result.notes.unshift(...notes);
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printResult(positionals[0], result);
  for (const p of result.problems) process.stderr.write(`error: ${p.where}: ${p.message}\n`);
  return result.ok ? 0 : 2;
}

/** The one log key the bundle recorded, with a note that it comes from the bundle. */
function recordedGatewayKey(b: BundleContents, notes: string[]): VerifierKey {
  const keys = [...new Set(b.records.get('gateways.jsonl')!.map((l) => (l.record as GatewayRecord).verifierKey).filter((k): k is string => !!k))];
  if (keys.length !== 1) throw new UsageError(`the bundle records ${keys.length} gateway log keys: say which log to check with --gateway-key KEY`);
  notes.push(`trusting the log key the bundle recorded (${keys[0]}): compare it with the one the model owner publishes, or pass --gateway-key`);
  try {
    return parseVerifierKey(keys[0]);
  } catch (e) {
    throw new UsageError(`gateways.jsonl records a malformed log key: ${(e as Error).message}`);
  }
}

function printResult(file: string, r: VerifyResult): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const c = r.counts;
  out(`bundle ${file}: ${c.leaves} leaves; ${c.samples} samples, ${c.transcripts - c.withheld} transcripts published, ${c.withheld} withheld${c.disclosed ? ` (${c.disclosed} disclosed records checked)` : ''}; ${c.gatewayCalls} calls with gateway receipts`);
  out(`  signed by ${r.signer}${r.signerFromBundle ? ' (the key the bundle names: compare it with the key the lab publishes, or pass --key)' : ''}`);
  if (r.gateway && r.ok) out(`  against the log: ${r.gateway.calls} calls' receipts and leaves proven in the checkpoint of size ${r.gateway.checkpointSize}, ${r.gateway.bodies} with their kept bytes matching the logged hashes`);
  for (const n of r.notes) out(`  note: ${n}`);
  out(r.ok ? 'OK: the bundle verifies; every number of its report recomputes from its scores' : `DOES NOT VERIFY: ${r.problems.length} problem(s)`);
}
