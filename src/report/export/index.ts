/**
 * The export formats, one line each: a new format is one file here plus one line below. Each
 * writes files into the output folder and returns their paths.
 */
import { UsageError } from '../../core/errors.js';
import { exportCsv } from './csv.js';
import type { ExportContext } from './export-context.js';
import { exportInspect } from './inspect/index.js';
import { exportJsonl } from './jsonl.js';

export type Exporter = (ctx: ExportContext) => Promise<string[]>;

const EXPORTERS: Record<string, Exporter> = {
  inspect: exportInspect,
  jsonl: exportJsonl,
  csv: exportCsv,
};

export const EXPORT_FORMATS = Object.keys(EXPORTERS);

export function exporter(format: string): Exporter {
  const e = EXPORTERS[format];
  if (!e) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${format}"`);
  return e;
}
