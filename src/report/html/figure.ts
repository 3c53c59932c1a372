import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './charts/render-svg.js';
import { html, trusted, type Markup } from './markup.js';

/** A chart as a figure: its title, the SVG drawn at build time, and a caption. Nothing when there is no data to draw. */
export async function chartFigure(kind: string, title: string, spec: TopLevelSpec | null, caption?: string): Promise<Markup> {
  if (!spec) return html``;
  const svg = await renderSvg(spec);
  return html`<figure class="chart" data-chart="${kind}"><figcaption><strong>${title}</strong>${caption ? html` <span class="caption">${caption}</span>` : ''}</figcaption>${trusted(svg)}</figure>`;
}
