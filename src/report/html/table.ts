import { html, type Markup } from './markup.js';

type Cell = string | Markup;

/** A table element: a header row, then rows; the first column names the row. */
export function htmlTable(headers: readonly Cell[], rows: readonly (readonly Cell[])[], className = 'numbers'): Markup {
  return html`<div class="table-wrap"><table class="${className}"><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td>${c}</td>`))}</tr>`,
  )}</tbody></table></div>`;
}

/** A number that opens the samples behind it. */
export function linked(text: string, href: string, title = 'open the samples behind this number'): Markup {
  return html`<a class="num" href="${href}" title="${title}">${text}</a>`;
}
