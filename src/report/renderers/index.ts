/**
 * The report formats, one line each: a new output format is one file here plus one line below.
 * Each renders a RunReport (built from the store by build-report.ts) to text.
 */
import { UsageError } from '../../core/errors.js';
import { renderHtml } from '../html/index.js';
import { renderMarkdown } from '../markdown.js';
import { renderJson } from './json.js';
import type { ReportRenderer } from './render-context.js';

export type { RenderContext, ReportRenderer } from './render-context.js';

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
