/**
 * A public dataset's CSV, checked: parsed strictly (csv.ts), with every required column present
 * and every required field non-empty, each mistake a `Mistake` naming file, line and field.
 */
import { CsvError, parseCsvRecordLines } from './csv.js';
import { FileMistakes, type Mistake } from '../core/mistakes.js';

export interface CheckedRecord {
  record: Record<string, string>;
  line: number;
}

/** Records of a CSV with these columns (others allowed); `nonEmpty` columns must hold text in every row. */
export function checkedCsvRecords(text: string, file: string, columns: readonly string[], nonEmpty: readonly string[] = columns): CheckedRecord[] {
  let parsed;
  try {
    parsed = parseCsvRecordLines(text);
  } catch (err) {
    if (err instanceof CsvError) throw new FileMistakes([{ file, line: err.line, message: err.message.replace(/ \(line \d+\)$/, '') }]);
    throw err;
  }
  const missing: Mistake[] = columns.filter((c) => !parsed.header.includes(c))
    .map((c) => ({ file, line: 1, field: c, message: `missing column (the header has ${parsed.header.join(', ') || 'nothing'})` }));
  if (missing.length) throw new FileMistakes(missing);
  if (parsed.records.length === 0) throw new FileMistakes([{ file, line: 2, message: 'no data rows' }]);
  const mistakes: Mistake[] = [];
  for (const { record, line } of parsed.records) {
    for (const c of nonEmpty) if (!record[c]?.trim()) mistakes.push({ file, line, field: c, message: 'empty' });
    if (mistakes.length >= 50) break;
  }
  if (mistakes.length) throw new FileMistakes(mistakes);
  return parsed.records;
}

/** "Hate, harassment and discrimination" → "hate-harassment-and-discrimination". */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'uncategorised';
}
