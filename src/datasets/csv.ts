/**
 * A small RFC 4180 CSV reader and writer: quoted fields may hold commas, doubled quotes and line
 * breaks; records end with CRLF or LF. Strict, because a silently mis-split row would shift every
 * column after it: a stray quote inside an unquoted field or an unterminated quoted field is an error.
 */

export class CsvError extends Error {
  /** `line` is the physical line where the problem starts, when one is known. */
  constructor(message: string, readonly line?: number) {
    super(line === undefined ? message : `${message} (line ${line})`);
    this.name = 'CsvError';
  }
}

/** Every record as an array of fields, header included. A trailing line break adds no record. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the first field
  let line = 1;
  const n = text.length;
  if (i >= n) return rows;
  for (;;) {
    if (text[i] === '"') {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvError('unterminated quoted field', startLine);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        throw new CsvError('unexpected text after a closing quote', line);
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') throw new CsvError('quote inside an unquoted field', line);
        field += text[i++];
      }
    }
    row.push(field);
    field = '';
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    const c = text[i];
    if (c === ',') {
      i++;
      continue;
    }
    // End of record: CRLF or LF (a lone CR too, as old spreadsheets write it).
    i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
}

/** Records as objects keyed by the header row; every record must have the header's width. */
export function parseCsvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header, ...rows] = parseCsv(text);
  if (!header) return { header: [], records: [] };
  const records = rows.map((row, r) => {
    if (row.length !== header.length) {
      throw new CsvError(`data row ${r + 1} has ${row.length} fields, the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((h, j) => [h, row[j]]));
  });
  return { header, records };
}

/** One field, quoted only when it must be (comma, quote, line break, or edge spaces). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records written with CRLF line ends, as RFC 4180 asks. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}
