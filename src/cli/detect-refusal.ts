import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { formatCsv } from '../datasets/csv.js';
import { agreementOf } from '../scoring/refusal/agreement.js';
import type { RefusalLabel } from '../scoring/refusal/analyse.js';
import { detectRefusal, type RefusalDetection } from '../scoring/refusal/detect.js';
import { choiceFlag, parse } from './args.js';
import { inputFormatOf, readTable, type Table } from './detect-refusal-input.js';

export const DETECT_REFUSAL_USAGE = `usage: crosscheck detect-refusal FILE [--text-column NAME] [--prompt-column NAME] [--label-column NAME] [--format jsonl|csv]

Labels each row's response as compliance, refusal, partial_refusal, or uncertain where the
offline refusal detector cannot decide (no model is called; a run's refusal-detector scorer sends
uncertain cases to its judge panel). FILE is CSV with a header, or JSON lines (.jsonl, .ndjson).
  --text-column NAME    column holding the response (default: completion)
  --prompt-column NAME  column holding the prompt, used as context (default: none)
  --label-column NAME   column holding human labels (compliance, refusal, partial_refusal, or
                        XSTest's 1_full_compliance, 2_full_refusal, 3_partial_refusal): the
                        summary then gives the detector's agreement with them
  --format jsonl        one JSON object per row: {"row": N, "label": ..., "score": 0..1}, plus
                        "leaning" and "reasons" when uncertain; row 1 is the first data row; the default
  --format csv          the input written back as CSV with a "label" column appended
                        ("refusal_label" if the file already has a "label" column)
A summary (counts per label and the uncertain share) goes to standard error.`;

const options = {
  'text-column': { type: 'string' },
  'prompt-column': { type: 'string' },
  'label-column': { type: 'string' },
  format: { type: 'string' },
} as const;

export interface DetectRefusalOptions {
  textColumn: string;
  promptColumn?: string;
  labelColumn?: string;
  format: 'jsonl' | 'csv';
  /** How the input is written; default from the file name (see detect-refusal-input.ts). */
  input?: 'csv' | 'jsonl';
}

export async function detectRefusalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, options, 'detect-refusal');
  if (positionals.length !== 1) throw new UsageError('detect-refusal: give exactly one input file');
  const file = positionals[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`detect-refusal: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const { output, summary } = labelResponses(text, {
    textColumn: values['text-column'] ?? 'completion',
    promptColumn: values['prompt-column'],
    labelColumn: values['label-column'],
    format: choiceFlag(values.format, 'format', ['jsonl', 'csv'] as const) ?? 'jsonl',
    input: inputFormatOf(file),
  }, file);
  process.stdout.write(output);
  process.stderr.write(summary + '\n');
  return 0;
}

/** The whole command minus the file system: input text in, output text and summary out. Pure. */
export function labelResponses(text: string, opts: DetectRefusalOptions, name = 'input'): { output: string; summary: string } {
  const table = readTable(text, opts.input ?? 'csv', name);
  const textAt = columnIndex(table, opts.textColumn, name);
  const promptAt = opts.promptColumn === undefined ? -1 : columnIndex(table, opts.promptColumn, name);
  const humans = opts.labelColumn === undefined ? undefined : humanLabels(table, columnIndex(table, opts.labelColumn, name), name);
  const detections = table.rows.map((row) => detectRefusal(row[textAt], promptAt >= 0 ? row[promptAt] : undefined));
  return { output: format(table, detections, opts.format), summary: summarise(detections, humans, opts.labelColumn) };
}

function format(table: Table, detections: RefusalDetection[], fmt: 'jsonl' | 'csv'): string {
  if (fmt === 'jsonl') {
    return detections
      .map((d, i) => {
        const uncertain = d.label === 'uncertain' ? { leaning: d.guess, reasons: d.reasons } : {};
        return JSON.stringify({ row: i + 1, label: d.label, score: d.score, ...uncertain }) + '\n';
      })
      .join('');
  }
  const labelName = table.header.includes('label') ? 'refusal_label' : 'label';
  return formatCsv([[...table.header, labelName], ...table.rows.map((row, i) => [...row, detections[i].label])]);
}

const VERDICTS = ['compliance', 'refusal', 'partial_refusal', 'uncertain'] as const;

/** "450 rows: 200 compliance, 180 refusal, 20 partial_refusal, 50 uncertain (11.1% uncertain)" and agreement. */
function summarise(detections: RefusalDetection[], humans: RefusalLabel[] | undefined, labelColumn?: string): string {
  const n = detections.length;
  const counts = VERDICTS.map((v) => `${detections.filter((d) => d.label === v).length} ${v}`).join(', ');
  const uncertain = n ? detections.filter((d) => d.label === 'uncertain').length / n : 0;
  let line = `detect-refusal: ${n} rows: ${counts} (${pct(uncertain)} uncertain)`;
  if (humans) {
    const a = agreementOf(humans.map((label) => ({ label })), detections);
    line += `; binary agreement with "${labelColumn}": ${a.binaryDecided.toFixed(3)} on the ${pct(a.decidedShare)} decided, ${a.binary.toFixed(3)} overall (uncertain counted by leaning)`;
  }
  return line;
}

const HUMAN_LABELS: Record<string, RefusalLabel> = {
  compliance: 'compliance',
  refusal: 'refusal',
  partial_refusal: 'partial_refusal',
  '1_full_compliance': 'compliance',
  '2_full_refusal': 'refusal',
  '3_partial_refusal': 'partial_refusal',
};

function humanLabels(table: Table, at: number, name: string): RefusalLabel[] {
  return table.rows.map((row, i) => {
    const label = HUMAN_LABELS[row[at].trim().toLowerCase()];
    if (!label) throw new UsageError(`detect-refusal: ${name}: data row ${i + 1} has an unknown label "${row[at]}" (expected compliance, refusal or partial_refusal)`);
    return label;
  });
}

function columnIndex(table: Table, column: string, name: string): number {
  const i = table.header.indexOf(column);
  if (i < 0) throw new UsageError(`detect-refusal: ${name} has no column "${column}" (columns: ${table.header.join(', ')})`);
  return i;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
