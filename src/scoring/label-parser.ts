/**
 * Strict parser for a judge's choice among named labels: a `LABEL: name` line (markdown and a
 * trailing remark allowed, e.g. "LABEL: unsafe - it gives steps"), or a line that is a lone
 * label. No label, or two different ones, is an error with the reason, never a guess (the
 * judge's grade is then `unscored`).
 */
export type ParsedLabel = { ok: true; label: string } | { ok: false; reason: string };

const MAX_QUOTED = 200;

export function parseLabelReply(reply: string, labels: readonly string[], key = 'LABEL'): ParsedLabel {
  const keyLine = new RegExp(`^(?:final\\s+)?${key}\\s*[:=]\\s*(.*)$`, 'i');
  // Longest first, so "partial_refusal" wins over "partial" and "unsafe" is never read as "safe".
  const known = [...labels].sort((a, b) => b.length - a.length).map((l) => ({ label: l, norm: normal(l) }));
  const found: string[] = [];
  for (const raw of reply.split(/\r?\n/)) {
    const line = raw.replace(/[*`#>]/g, '').trim();
    if (!line) continue;
    const m = keyLine.exec(line);
    const text = normal((m ? m[1] : line).replace(/[.!]+$/, ''));
    const hit = m
      ? known.find((k) => text === k.norm || text.startsWith(`${k.norm}_`))
      : known.find((k) => text === k.norm);
    if (hit) found.push(hit.label);
  }
  const distinct = [...new Set(found)];
  if (distinct.length === 1) return { ok: true, label: distinct[0] };
  if (distinct.length > 1) return { ok: false, reason: `judge reply had conflicting labels ${distinct.join(' and ')}: ${quote(reply)}` };
  return { ok: false, reason: `judge reply had no label (${labels.join(', ')}): ${quote(reply)}` };
}

/** Lower case, wrapping quotes and brackets off, runs of spaces, dashes and underscores as one "_". */
function normal(s: string): string {
  return s.trim().replace(/^["'“‘([{]+/, '').replace(/["'”’)\]}]+$/, '').trim().toLowerCase().replace(/[\s_–—-]+/g, '_');
}

function quote(reply: string): string {
  const oneLine = reply.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > MAX_QUOTED ? `${oneLine.slice(0, MAX_QUOTED)}…` : oneLine);
}
