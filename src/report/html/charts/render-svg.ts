/**
 * Vega-Lite specs rendered to SVG at build time with Vega's headless renderer (no DOM, no
 * canvas), so the page holds finished drawings and needs no script or network to show them.
 * Data is always inline; the loader refuses every URL, so building a report never reaches out.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A loader that refuses to load anything: charts carry their data inline. (Its `sanitize` only vets link URLs for marks' href.) */
const base = vega.loader();
const noNetwork = {
  sanitize: base.sanitize.bind(base),
  load: () => Promise.reject(new Error('charts load no data from URLs')),
  file: () => Promise.reject(new Error('charts read no files')),
  http: () => Promise.reject(new Error('charts load no data from URLs')),
};

/** Fonts and colours shared by every chart (the page's own stylesheet matches them). */
export const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  title: { fontSize: 13, anchor: 'start' as const },
};

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { spec: compiled } = compile({ ...spec, config: { ...CHART_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: noNetwork as unknown as vega.Loader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
