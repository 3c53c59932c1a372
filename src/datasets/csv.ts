/**
 * CSV in and out (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks;
 * records end with CRLF or LF), through the csv-parse / csv-stringify libraries. Strict, because
 * a silently mis-split row would shift every column after it: a stray quote, an unterminated
 * quoted field or a row of the wrong width is an error naming its line.
 */
import { parse, type CsvError as LibraryCsvError } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export class CsvError extends Error {
  /** `line` is the physical line where the problem starts, when one is known. */
  constructor(message: string, readonly line?: number) {
    super(line === undefined ? message : `${message} (line ${line})`);
    this.name = 'CsvError';
  }
}

/** A record with the physical line it starts on (1-based; a quoted field may span lines). */
export interface CsvRow {
  fields: string[];
  line: number;
}

/** Every record with its first line, header included. A trailing line break adds no record. */
export function parseCsvRows(text: string): CsvRow[] {
  let parsed: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, record_delimiter: ['\r\n', '\n'] }) as unknown as typeof parsed;
  } catch (err) {
    throw toCsvError(err);
  }
  const rows: CsvRow[] = [];
  let end = 0;
  for (const { record, info } of parsed) {
    rows.push({ fields: record, line: end + 1 });
    end = info.lines;
  }
  return rows;
}

/** Every record as an array of fields, header included. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((r) => r.fields);
}

/** Records as objects keyed by the header row, with their lines; every record must have the header's width. */
export function parseCsvRecordLines(text: string): { header: string[]; records: { record: Record<string, string>; line: number }[] } {
  const [header, ...rows] = parseCsvRows(text);
  if (!header) return { header: [], records: [] };
  const records = rows.map((row, r) => {
    if (row.fields.length !== header.fields.length) {
      throw new CsvError(`data row ${r + 1} has ${row.fields.length} fields, the header has ${header.fields.length}`, row.line);
    }
    return { record: Object.fromEntries(header.fields.map((h, j) => [h, row.fields[j]])), line: row.line };
  });
  return { header: header.fields, records };
}

/** Records as objects keyed by the header row; every record must have the header's width. */
export function parseCsvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const { header, records } = parseCsvRecordLines(text);
  return { header, records: records.map((r) => r.record) };
}

/** One field, quoted only when it must be (comma, quote, line break, or edge spaces). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records written with CRLF line ends, as RFC 4180 asks. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return stringify(rows.map((r) => [...r]), { record_delimiter: '\r\n', quoted_match: /^\s|\s$/ });
}

function toCsvError(err: unknown): CsvError {
  const e = err as LibraryCsvError & { lines?: number };
  const what: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'unterminated quoted field',
    INVALID_OPENING_QUOTE: 'quote inside an unquoted field',
    CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote',
  };
  return new CsvError(what[e.code] ?? e.message.split('\n')[0], typeof e.lines === 'number' ? e.lines : undefined);
}
