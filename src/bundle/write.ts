/**
 * Writes a bundle from its records: each file's records serialised, every record's leaf hash
 * listed in leaves.jsonl in tree order, the root signed (tree.ts), all in one .tar.gz (archive.ts).
 */
import type { SignerKey } from '../gateway/audit/signed-note.js';
import { writeArchive } from './archive.js';
import {
  LEAF_FILES, LEAVES_FILE, NOTE_FILE, REPORT_MD_FILE, describeKey, type BundleRecord, type LeafEntry, type LeafFile, type ManifestRecord,
} from './format.js';
import { leafHashOf, rootOf, signRoot } from './tree.js';

export type BundleFiles = Map<LeafFile, BundleRecord[]>;

export interface Written {
  bytes: number;
  leaves: number;
  /** hex */
  root: string;
  note: string;
}

/** How messages name a record (leaves.jsonl `what`). */
export function describeRecord(r: BundleRecord): string {
  switch (r.type) {
    case 'bundle': return 'the manifest';
    case 'run': return 'the run record';
    case 'suite': return 'the suite record';
    case 'report': return 'the report';
    case 'gateway': return `gateway ${r.url}`;
    case 'item': return `item ${r.sample.id}`;
    case 'withheld': return `withheld ${r.of} (${'model' in r.key ? describeKey(r.key) : `item ${r.key.sampleId}`})`;
    default: return describeKey(r);
  }
}

export async function writeBundle(path: string, files: BundleFiles, signer: SignerKey, reportMd: string | null): Promise<Written> {
  const manifest = files.get('bundle.json')?.[0] as ManifestRecord | undefined;
  if (!manifest) throw new Error('a bundle needs its manifest record');
  const out = new Map<string, Buffer>();
  const leaves: LeafEntry[] = [];
  for (const file of LEAF_FILES) {
    const records = files.get(file) ?? [];
    if (file.endsWith('.json') && records.length !== 1) throw new Error(`${file} holds exactly one record, got ${records.length}`);
    records.forEach((r, i) => leaves.push({ file, line: file.endsWith('.json') ? 1 : i + 1, what: describeRecord(r), hash: leafHashOf(r) }));
    const text = file.endsWith('.json') ? `${JSON.stringify(records[0], null, 2)}\n` : records.map((r) => `${JSON.stringify(r)}\n`).join('');
    out.set(file, Buffer.from(text, 'utf8'));
  }
  const root = rootOf(leaves.map((l) => l.hash));
  const note = signRoot({ runId: manifest.runId, leaves: leaves.length, root }, signer);
  out.set(LEAVES_FILE, Buffer.from(leaves.map((l) => `${JSON.stringify(l)}\n`).join(''), 'utf8'));
  if (reportMd !== null) out.set(REPORT_MD_FILE, Buffer.from(reportMd, 'utf8'));
  out.set(NOTE_FILE, Buffer.from(note, 'utf8'));
  const bytes = await writeArchive(path, out);
  return { bytes, leaves: leaves.length, root, note };
}
