import { parseModelRef } from '../core/model-ref.js';

/** Longest name a progress line shows before it prefers a shorter form of a ref. */
const COMFORTABLE = 40;

/**
 * The names progress lines show, one per label: a label the user chose is shown whole; a label
 * that is a model ref is shortened, uniformly, to the most informative form that fits and still
 * tells every model apart (`gpt-4.1@a.example`, `gpt-4.1@b.example`). Nothing is cut, so two
 * models never show the same name. An exercise's "SUITE: " prefix is kept.
 */
export function displayLabels(labels: readonly string[]): string[] {
  const split = labels.map((l) => {
    const at = l.lastIndexOf(': ');
    return at >= 0 ? { prefix: l.slice(0, at + 2), name: l.slice(at + 2) } : { prefix: '', name: l };
  });
  const forms = split.map((s) => refForms(s.name));
  const levels = forms[0]?.length ?? 0;
  const at = (level: number) => split.map((s, i) => s.prefix + forms[i][level]);
  const distinct = Array.from({ length: levels }, (_, level) => level).filter((level) => new Set(at(level)).size === new Set(labels).size);
  const fits = distinct.find((level) => at(level).every((l) => l.length <= COMFORTABLE));
  const chosen = fits ?? distinct[distinct.length - 1];
  return chosen === undefined ? [...labels] : at(chosen);
}

/** A name's forms, most informative first; a name that is not a model ref has only itself. */
function refForms(name: string): string[] {
  const same = (s: string) => Array(6).fill(s) as string[];
  if (!/^[a-z][a-z0-9_-]*:\S+$/.test(name)) return same(name);
  let ref;
  try {
    ref = parseModelRef(name);
  } catch {
    return same(name);
  }
  if (!ref.baseUrl) return [name, name, name, name, name, ref.model];
  const url = new URL(ref.baseUrl);
  const path = url.pathname.replace(/\/$/, '');
  return [
    name,
    `${ref.provider}:${ref.model}@${url.host}${path}`,
    `${ref.provider}:${ref.model}@${url.host}`,
    `${ref.model}@${url.host}${path}`,
    `${ref.model}@${url.host}`,
    ref.model,
  ];
}
