/**
 * Reads a bundle: the archive, the manifest first (a newer format version says so before
 * anything else is read), then every record, each checked against its schema. Any problem is a
 * BundleError naming the file and line. Nothing here decides whether the bundle is genuine:
 * that is verify.ts.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { BundleError, readArchive } from './archive.js';
import {
  BUNDLE_FORMAT, BUNDLE_VERSION, LEAF_FILES, LEAVES_FILE, NOTE_FILE, REPORT_MD_FILE, type BundleRecord, type LeafEntry, type LeafFile,
  type ManifestRecord,
} from './format.js';
import {
  firstIssue, gatewaySchema, itemSchema, leafEntrySchema, manifestSchema, receiptsSchema, reportSchema, runSchema, sampleSchema, scoresSchema,
  suiteSchema, transcriptSchema, withheldSchema,
} from './schema.js';
import { leafHashOf } from './tree.js';

/** A record where it was found, with the leaf hash it stands for. */
export interface Located<R extends BundleRecord = BundleRecord> {
  record: R;
  file: LeafFile;
  line: number;
  hash: string;
}

export interface BundleContents {
  path: string;
  manifest: ManifestRecord;
  /** Every leaf file's records in order. */
  records: Map<LeafFile, Located[]>;
  /** leaves.jsonl: the signed list of leaf hashes, in tree order. */
  leaves: LeafEntry[];
  note: string;
  reportMd: string | null;
}

/** The record types each file may hold. */
const SCHEMAS: Record<LeafFile, z.ZodType[]> = {
  'bundle.json': [manifestSchema],
  'run.json': [runSchema],
  'suite.json': [suiteSchema],
  'gateways.jsonl': [gatewaySchema],
  'items.jsonl': [itemSchema, withheldSchema],
  'samples.jsonl': [sampleSchema],
  'transcripts.jsonl': [transcriptSchema, withheldSchema],
  'scores.jsonl': [scoresSchema],
  'receipts.jsonl': [receiptsSchema],
  'report.json': [reportSchema],
};

export async function readBundle(path: string): Promise<BundleContents> {
  const files = await readArchive(path);
  const text = (name: string): string => {
    const bytes = files.get(name);
    if (!bytes) throw new BundleError(`${path}: ${name} is missing: not a complete bundle`);
    return bytes.toString('utf8');
  };
  const manifest = readManifest(path, text('bundle.json'));
  const records = new Map<LeafFile, Located[]>();
  for (const file of LEAF_FILES) {
    const values = file.endsWith('.json') ? [{ line: 1, value: parseJson(text(file), file, 1) }] : jsonLines(text(file), file);
    if (file.endsWith('.json') && values.length !== 1) throw new BundleError(`${file}: must hold one record`);
    records.set(file, values.map(({ line, value }) => {
      const record = checked(value, SCHEMAS[file], file, line);
      return { record, file, line, hash: leafHashOf(record) };
    }));
  }
  const leaves = jsonLines(text(LEAVES_FILE), LEAVES_FILE).map(({ line, value }) => {
    const parsed = leafEntrySchema.safeParse(value);
    if (!parsed.success) throw new BundleError(`${LEAVES_FILE}:${line}: ${firstIssue(parsed.error)}`);
    return parsed.data as LeafEntry;
  });
  const md = files.get(REPORT_MD_FILE);
  return { path, manifest, records, leaves, note: text(NOTE_FILE), reportMd: md ? md.toString('utf8') : null };
}

function readManifest(path: string, text: string): ManifestRecord {
  const value = parseJson(text, 'bundle.json', 1) as Partial<ManifestRecord> | null;
  if (!value || typeof value !== 'object' || value.format !== BUNDLE_FORMAT) throw new BundleError(`${path} is not a ${BUNDLE_FORMAT} (bundle.json names no such format)`);
  if (typeof value.version === 'number' && value.version > BUNDLE_VERSION) {
    throw new BundleError(`${path} is bundle format version ${value.version}, newer than this Crosscheck reads (version ${BUNDLE_VERSION}): upgrade Crosscheck to verify it`);
  }
  return checked(value, [manifestSchema], 'bundle.json', 1) as ManifestRecord;
}

function parseJson(text: string, file: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BundleError(`${file}:${line}: not valid JSON`);
  }
}

function jsonLines(text: string, file: string): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() !== '') out.push({ line: i + 1, value: parseJson(raw, file, i + 1) });
  });
  return out;
}

function checked(value: unknown, schemas: z.ZodType[], file: string, line: number): BundleRecord {
  const type = (value as { type?: unknown } | null)?.type;
  for (const schema of schemas) {
    const parsed = schema.safeParse(value);
    // The record as written (not zod's copy): its leaf hash is over exactly what the file holds.
    if (parsed.success) return value as BundleRecord;
    if (schemas.length === 1 || (parsed.error.issues[0]?.path[0] !== 'type')) {
      throw new BundleError(`${file}:${line}: ${type === undefined ? 'a record without a type' : `a ${String(type)} record`}: ${firstIssue(parsed.error)}`);
    }
  }
  throw new BundleError(`${file}:${line}: a ${String(type)} record does not belong in ${file}`);
}

/** Withheld records shown to a verifier (a .withheld.jsonl), each checked as a transcript or item record. */
export async function readDisclosed(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return jsonLines(text, path).map(({ line, value }) => checked(value, [transcriptSchema, itemSchema], path, line));
}
