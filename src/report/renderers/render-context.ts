/** What a report renderer may use besides the report (its own file so renderers can import it without the registry). */
import type { RunStore } from '../../store/run-store.js';
import type { RunReport } from '../build-report.js';

/** What a renderer may use besides the report: the store (for transcripts) and where the viewer serves it. */
export interface RenderContext {
  store: RunStore;
  /** Base URL of `crosscheck view` for links to samples a page does not embed. */
  viewerUrl: string;
  /** False: never embed transcripts (the viewer serves them live). */
  embed?: boolean;
}

export type ReportRenderer = (report: RunReport, ctx: RenderContext) => string | Promise<string>;
