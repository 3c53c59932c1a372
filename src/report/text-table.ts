/** A plain aligned text table (also valid as a Markdown table when `markdown` is set). */
export function textTable(header: string[], rows: string[][], markdown = false): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    markdown
      ? `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |\n`
      : cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd() + '\n';
  const rule = markdown ? `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n` : line(widths.map((w) => '-'.repeat(w)));
  return line(header) + rule + rows.map(line).join('');
}
