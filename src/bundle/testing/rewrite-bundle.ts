/**
 * TEST HELPER: tampers with a bundle as an adversary would. `editArchiveFile` changes a file's
 * bytes after signing; `resignBundle` changes records and signs again with the evaluator's own
 * key (leaves, root and, if asked, the report rebuilt to match), the case only the gateway's
 * evidence can catch.
 */
import { readFileSync } from 'node:fs';
import { renderMarkdown } from '../../report/markdown.js';
import { renderJson } from '../../report/renderers/json.js';
import { parseSignerKey } from '../../gateway/audit/signed-note.js';
import { readArchive, writeArchive } from '../archive.js';
import type { BundleRecord, LeafFile, ReportRecord } from '../format.js';
import { readBundle, type BundleContents, type Located } from '../read.js';
import { recomputeReport } from '../report-check.js';
import { writeBundle, type BundleFiles } from '../write.js';

/** Rewrites one file of the archive (nothing re-signed). */
export async function editArchiveFile(src: string, out: string, name: string, edit: (text: string) => string): Promise<void> {
  const files = await readArchive(src);
  const before = files.get(name)?.toString('utf8') ?? '';
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${name} changed nothing`);
  files.set(name, Buffer.from(after, 'utf8'));
  await writeArchive(out, files);
}

/** Edits a JSONL file's record at `line` (1-based). */
export function editLine(text: string, line: number, edit: (record: any) => void): string {
  const lines = text.split('\n');
  const record = JSON.parse(lines[line - 1]);
  edit(record);
  lines[line - 1] = JSON.stringify(record);
  return lines.join('\n');
}

/** The bundle's records changed by `mutate`, signed again with the key in `keyFile`. */
export async function resignBundle(src: string, out: string, keyFile: string, mutate: (files: BundleFiles) => void, opts: { rebuildReport?: boolean } = {}): Promise<void> {
  const b = await readBundle(src);
  const files: BundleFiles = new Map([...b.records].map(([f, ls]) => [f, ls.map((l) => structuredClone(l.record))]));
  mutate(files);
  let md = b.reportMd;
  if (opts.rebuildReport) {
    const records = new Map([...files].map(([f, rs]) => [f, rs.map((record, i): Located => ({ record, file: f, line: i + 1, hash: '' }))])) as Map<LeafFile, Located[]>;
    const report = await recomputeReport({ ...b, records } as BundleContents);
    files.set('report.json', [{ type: 'report', report: JSON.parse(renderJson(report)) as ReportRecord['report'] } satisfies BundleRecord]);
    md = renderMarkdown(report);
  }
  await writeBundle(out, files, parseSignerKey(readFileSync(keyFile, 'utf8').trim()), md);
}
