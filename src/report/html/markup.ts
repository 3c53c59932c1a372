/**
 * HTML built from tagged templates: every interpolated value is escaped unless it is markup made
 * here (a `Markup`), so text from transcripts, model names and suite titles can never become tags.
 */

/** A piece of HTML that is already safe to insert. */
export class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

type Part = Markup | string | number | boolean | null | undefined | readonly Part[];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function render(part: Part): string {
  if (part instanceof Markup) return part.html;
  if (Array.isArray(part)) return part.map(render).join('');
  if (part === null || part === undefined || part === false) return '';
  return escapeHtml(String(part));
}

/** `html\`<td>${text}</td>\``: text escaped, nested `html` fragments and arrays of them kept. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Markup {
  let out = strings[0];
  values.forEach((v, i) => (out += render(v) + strings[i + 1]));
  return new Markup(out);
}

/** Markup from a trusted producer (the chart library's SVG, the page's own stylesheet and script). */
export function trusted(text: string): Markup {
  return new Markup(text);
}

/** JSON inside a <script> element: `</script>` and `<!--` in strings cannot end or confuse it. */
export function scriptJson(value: unknown): Markup {
  return new Markup(JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}
