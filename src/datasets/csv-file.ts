/**
 * A dataset's CSV file as records with their lines, for importers: a malformed file (an
 * unterminated quote, a row of the wrong width) or a missing column is a FileMistakes naming the
 * file and line, so the command prints one `error:` line per mistake and exits 2.
 */
import { CsvError, parseCsvRecordLines } from './csv.js';
import { FileMistakes } from '../suites/yaml/mistakes.js';

export interface CsvRecords {
  header: string[];
  records: { record: Record<string, string>; line: number }[];
}

export function readCsvFile(text: string, file: string, columns: readonly string[]): CsvRecords {
  let parsed: CsvRecords;
  try {
    parsed = parseCsvRecordLines(text);
  } catch (err) {
    if (err instanceof CsvError) throw new FileMistakes([{ file, line: err.line, message: err.message.replace(/ \(line \d+\)$/, '') }]);
    throw err;
  }
  const missing = columns.filter((c) => !parsed.header.includes(c));
  if (missing.length) {
    throw new FileMistakes(missing.map((c) => ({ file, line: 1, field: c, message: `missing column (the header has ${parsed.header.join(', ') || 'nothing'})` })));
  }
  return parsed;
}
