/**
 * `crosscheck report RUN --format html`: the joint findings page. Transcripts are embedded when
 * they fit the page's budget (embedded-samples.ts says why there is one); otherwise every number
 * links to the same samples in `crosscheck view`.
 */
import type { RunReport } from '../build-report.js';
import type { RenderContext } from '../renderers/render-context.js';
import { embedSamples } from './embedded-samples.js';
import { renderPage, type RunSamples } from './page.js';
import { linkTo } from './sample-links.js';

export async function renderHtml(report: RunReport, ctx: RenderContext): Promise<string> {
  return renderPage([{ report, samples: runSamples(report, ctx) }]);
}

export function runSamples(report: RunReport, ctx: RenderContext): RunSamples {
  const embedded = ctx.embed === false ? null : embedSamples(ctx.store, report);
  if (embedded) return { linkTo: linkTo({ kind: 'embedded' }), embedded, notice: null };
  const viewer = linkTo({ kind: 'viewer', url: ctx.viewerUrl, runId: report.run.id });
  if (ctx.embed === false) return { linkTo: viewer, embedded: null, notice: null };
  return {
    linkTo: viewer,
    embedded: null,
    notice: `This run's transcripts are too many to embed in one page: every number links to them in the viewer. ` +
      `Start it with \`crosscheck view --store ${ctx.store.path}\` (it serves ${ctx.viewerUrl}).`,
  };
}
