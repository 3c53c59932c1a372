/**
 * The report formats, one line each: a new output format is one file here plus one line below.
 * Each renders a RunReport (built from the store by build-report.ts) to text.
 */
import { UsageError } from '../../core/errors.js';
import type { RunStore } from '../../store/run-store.js';
import type { RunReport } from '../build-report.js';
import { renderHtml } from '../html/index.js';
import { renderMarkdown } from '../markdown.js';
import { renderJson } from './json.js';

/** What a renderer may use besides the report: the store (for transcripts) and where the viewer serves it. */
export interface RenderContext {
  store: RunStore;
  /** Base URL of `crosscheck view` for links to samples a page does not embed. */
  viewerUrl: string;
  /** False: never embed transcripts (the viewer serves them live). */
  embed?: boolean;
}

export type ReportRenderer = (report: RunReport, ctx: RenderContext) => string | Promise<string>;

const RENDERERS: Record<string, ReportRenderer> = {
  md: renderMarkdown,
  json: renderJson,
  html: renderHtml,
};

export const REPORT_FORMATS = Object.keys(RENDERERS);

export function reportRenderer(format: string): ReportRenderer {
  const render = RENDERERS[format];
  if (!render) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got "${format}"`);
  return render;
}
