import { writeFile } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import { createBundle } from '../bundle/create.js';
import { parseRedactionRule } from '../bundle/redaction.js';
import { choiceFlag, parse } from './args.js';
import { gatewayKeyFlags, signerKeyFile } from './bundle-flags.js';
import { openStore } from './store-flag.js';
import { CROSSCHECK_VERSION } from '../core/version.js';

const options = {
  'sign-key': { type: 'string' },
  out: { type: 'string' },
  redact: { type: 'string', multiple: true },
  items: { type: 'string' },
  'gateway-key': { type: 'string', multiple: true },
  'withheld-out': { type: 'string' },
  'allow-unfinished': { type: 'boolean' },
  store: { type: 'string' },
} as const;

export const BUNDLE_CREATE_USAGE = `crosscheck bundle create RUN --sign-key KEYFILE --out FILE [--redact RULE ...] [--items publish|hash]
  [--gateway-key URL=KEY ...] [--withheld-out FILE] [--allow-unfinished] [--store PATH]
A stored run as one signed file: spec and conditions, items, every transcript, score and judge's
verdict, the report, the gateway receipts, and a Merkle root over all of it signed with KEYFILE
(crosscheck bundle keygen). --redact suite=jailbreak,outcome=unsafe withholds the transcripts it
matches (their leaves stay, as hashes; they are written to --withheld-out, default FILE.withheld.jsonl,
to keep privately). --gateway-key gives the log key of a gateway that served none. A run still
running or stopped is refused unless --allow-unfinished (bundle verify then says it is unfinished).
Format: src/bundle/README.md`;

export async function bundleCreateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'bundle create');
  if (positionals.length !== 1) throw new UsageError('bundle create takes one run id: crosscheck bundle create RUN --sign-key KEYFILE --out FILE');
  if (!values['sign-key']) throw new UsageError('bundle create needs --sign-key KEYFILE (make one with crosscheck bundle keygen NAME --out KEYFILE)');
  if (!values.out) throw new UsageError('bundle create needs --out FILE');
  const signer = signerKeyFile(values['sign-key']);
  const redact = (values.redact ?? []).map(parseRedactionRule);
  const items = choiceFlag(values.items, 'items', ['publish', 'hash'] as const) ?? 'publish';
  const store = openStore(values.store);
  try {
    const made = await createBundle(store, positionals[0], values.out, {
      signer, redact, items, gatewayKeys: gatewayKeyFlags(values['gateway-key']), crosscheckVersion: CROSSCHECK_VERSION,
      allowUnfinished: values['allow-unfinished'] === true,
    });
    const out = (line: string) => process.stdout.write(`${line}\n`);
    const withheld = made.withheld.filter((r) => r.type === 'transcript').length;
    out(`bundle of run ${positionals[0]}: ${made.samples} samples, ${withheld} transcripts withheld, ${made.gatewayCalls} calls with gateway receipts`);
    for (const g of made.gateways) out(`  gateway ${g.url}: log key ${g.verifierKey ?? 'unknown (give it with --gateway-key URL=KEY)'}`);
    out(`  ${made.written.leaves} leaves, root ${made.written.root}, signed by ${signer.name}`);
    out(`written to ${values.out} (${made.written.bytes} bytes)`);
    if (made.withheld.length) {
      const file = values['withheld-out'] ?? `${values.out}.withheld.jsonl`;
      await writeWithheld(file, made.withheld);
      out(`withheld records (${made.withheld.length}) written to ${file}: keep it private; bundle verify --disclosed checks any of its lines against the bundle`);
    }
    return 0;
  } finally {
    store.close();
  }
}

async function writeWithheld(file: string, records: unknown[]): Promise<void> {
  try {
    await writeFile(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
