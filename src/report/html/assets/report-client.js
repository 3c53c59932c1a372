// The report page's only script: tooltips for chart marks, and the embedded transcripts behind
// each number (#samples?model=...&g.KEY=VALUE&outcome=...&disagree=1, or ?id=...&epoch=... for
// one sample from every model side by side). Runs from file:// with no network; builds every
// element with textContent, so transcript text never becomes markup.
(function () {
  'use strict';

  // Chart marks carry their description as aria-label; a <title> child makes it a tooltip.
  for (const el of document.querySelectorAll('svg [aria-label][role="graphics-symbol"]')) {
    const t = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    t.textContent = el.getAttribute('aria-label');
    el.appendChild(t);
  }

  const section = document.getElementById('samples');
  const headerEl = document.getElementById('cc-samples-header');
  const dataEl = document.getElementById('cc-samples-data');
  if (!section || !headerEl || !dataEl) return;
  const header = JSON.parse(headerEl.textContent);
  const titles = new Map(header.outcomes.map((o) => [o.label, o.title]));
  const PAGE = 50;
  let records = null;
  let shown = 0;
  let current = [];

  async function load() {
    if (records) return records;
    const bytes = Uint8Array.from(atob(dataEl.textContent.trim()), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    records = JSON.parse(await new Response(stream).text());
    return records;
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  function parseQuery(hash) {
    const q = new URLSearchParams(hash.replace(/^#samples\??/, ''));
    const groups = [];
    for (const [k, v] of q) if (k.startsWith('g.')) groups.push([header.groupKeys.indexOf(k.slice(2)), v, k.slice(2)]);
    return {
      model: q.get('model'), outcome: q.get('outcome'), disagree: q.get('disagree') === '1', groups,
      id: q.get('id'), epoch: q.has('epoch') ? Number(q.get('epoch')) : null,
    };
  }

  function matches(r, q) {
    if (q.model !== null && header.models[r.m] !== q.model) return false;
    if (q.outcome !== null && r.o !== q.outcome) return false;
    if (q.disagree && r.d !== 1) return false;
    if (q.id !== null && r.id !== q.id) return false;
    if (q.epoch !== null && r.e !== q.epoch) return false;
    return q.groups.every(([i, v]) => i >= 0 && r.g[i] === v);
  }

  function describe(q, n) {
    const parts = [];
    if (q.id !== null) parts.push(`sample ${q.id}${q.epoch !== null ? `, epoch ${q.epoch}` : ''}, every model`);
    if (q.model !== null) parts.push(q.model);
    for (const [, v, k] of q.groups) parts.push(`${k} = ${v}`);
    if (q.outcome !== null) parts.push(`outcome ${titles.get(q.outcome) || q.outcome}`);
    if (q.disagree) parts.push('judges disagree');
    return `${parts.join(' · ') || 'every sample'}: ${n} sample${n === 1 ? '' : 's'}`;
  }

  function outcomeChip(r) {
    const label = r.o === null ? 'no score' : titles.get(r.o) || r.o;
    return el('span', { class: `chip outcome-${r.o === null ? 'none' : r.o}` }, label + (r.h ? ' (human)' : ''));
  }

  function transcript(r) {
    const box = el('div', { class: 'transcript' });
    const turns = r.t.length ? r.t : r.out !== null ? [['target', 'assistant', r.out]] : [];
    for (const [by, role, content] of turns) {
      box.append(el('div', { class: `turn by-${by || 'unknown'}` }, el('div', { class: 'who' }, `${by || '?'} · ${role}`), el('div', { class: 'text' }, content)));
    }
    if (r.err) box.append(el('div', { class: 'turn error' }, el('div', { class: 'who' }, 'error'), el('div', { class: 'text' }, r.err)));
    const scores = el('table', { class: 'scores' }, el('thead', {}, el('tr', {}, el('th', {}, 'grader'), el('th', {}, 'label'), el('th', {}, 'reason'))));
    const body = el('tbody');
    for (const [scorer, outcome, note] of r.sc) body.append(el('tr', {}, el('td', {}, scorer), el('td', {}, titles.get(outcome) || outcome), el('td', {}, note)));
    scores.append(body);
    box.append(scores);
    return box;
  }

  function item(r, open) {
    const all = el('a', { href: `#samples?id=${encodeURIComponent(r.id)}&epoch=${r.e}` }, 'every model');
    const summary = el('summary', {}, el('strong', {}, header.models[r.m]), ` · ${r.id} · epoch ${r.e} `, outcomeChip(r), r.d ? el('span', { class: 'chip split' }, 'judges split') : null, ' ', all);
    const d = el('details', { class: 'sample' }, summary);
    d.open = open;
    d.addEventListener('toggle', () => { if (d.open && d.childNodes.length === 1) d.append(transcript(r)); }, { once: false });
    if (open) d.append(transcript(r));
    return d;
  }

  function sideBySide(list) {
    const grid = el('div', { class: 'side-by-side' });
    for (const r of list) grid.append(el('div', { class: 'column' }, el('h4', {}, header.models[r.m], ' ', outcomeChip(r)), transcript(r)));
    return grid;
  }

  // How the listed samples split by outcome, each count narrowing the list to that outcome.
  function outcomeLinks(q, list) {
    const counts = new Map();
    for (const r of list) counts.set(r.o, (counts.get(r.o) || 0) + 1);
    const p = el('p', { class: 'outcome-links' });
    if (q.outcome !== null || q.id !== null || counts.size < 2) return p;
    const base = location.hash.replace(/^#samples\??/, '');
    for (const [o, n] of counts) {
      const query = new URLSearchParams(base);
      query.set('outcome', o === null ? 'none' : o);
      p.append(el('a', { href: `#samples?${query}`, class: `chip outcome-${o}` }, `${titles.get(o) || o || 'no score'}: ${n}`), ' ');
    }
    return p;
  }

  function more(list) {
    const next = list.slice(shown, shown + PAGE);
    shown += next.length;
    return next.map((r) => item(r, false));
  }

  async function show() {
    if (!location.hash.startsWith('#samples')) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    const q = parseQuery(location.hash);
    const body = section.querySelector('.samples-body');
    body.replaceChildren(el('p', {}, 'Opening the transcripts…'));
    const all = await load();
    current = all.filter((r) => matches(r, q));
    shown = 0;
    const list = el('div', { class: 'sample-list' });
    const button = el('button', { type: 'button' }, 'show more');
    button.addEventListener('click', () => {
      list.append(...more(current));
      button.hidden = shown >= current.length;
    });
    if (q.id !== null) list.append(sideBySide(current));
    else list.append(...more(current));
    button.hidden = q.id !== null || shown >= current.length;
    body.replaceChildren(el('p', { class: 'filter' }, describe(q, current.length)), outcomeLinks(q, current), list, button);
    section.scrollIntoView();
  }

  window.addEventListener('hashchange', () => { show().catch((e) => console.warn(e)); });
  show().catch((e) => console.warn(e));
})();
