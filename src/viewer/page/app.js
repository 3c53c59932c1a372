// The viewer's page: runs, a run's samples a page at a time (filtered and paged by the server),
// and one sample from every model side by side with the human-review control. Hash routes:
//   #/                               runs (?suite=NAME)
//   #/run/ID?model=&g.KEY=&outcome=&disagree=1&after=&afterEpoch=   a run's samples
//   #/run/ID/sample/SAMPLE/EPOCH     one sample, every model
// Every element is built with textContent: transcript text never becomes markup.
(function () {
  'use strict';

  const app = document.getElementById('app');
  const where = document.getElementById('where');
  const errorBox = document.getElementById('error');
  const runs = new Map();
  let blind = false;
  let lastRunHash = new Map();

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  async function api(path, init) {
    const res = await fetch(path, init);
    const body = await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }));
    if (!res.ok) throw new Error(body.error || `${res.status} ${res.statusText}`);
    return body;
  }

  function showError(err) {
    errorBox.textContent = err instanceof Error ? err.message : String(err);
    errorBox.hidden = false;
  }

  async function runInfo(id) {
    if (!runs.has(id)) runs.set(id, await api(`/api/runs/${encodeURIComponent(id)}`));
    return runs.get(id);
  }

  function outcomeTitle(run, label) {
    if (label === null || label === undefined) return 'no score';
    const o = run.outcomes.find((x) => x.label === label);
    return o ? o.title || o.label : label;
  }

  function chip(run, label, human) {
    const o = run.outcomes.find((x) => x.label === label);
    const kind = label === null ? 'none' : label === 'unscored' ? 'unscored' : label === 'error' ? 'error' : o && o.safety ? o.safety : '';
    return el('span', { class: `chip ${kind}`, 'data-outcome': label === null ? 'none' : label }, outcomeTitle(run, label) + (human ? ' · human' : ''));
  }

  function modelName(run, label) {
    if (!blind) return label;
    return `model ${run.models.findIndex((m) => m.label === label) + 1}`;
  }

  // ---- runs ----------------------------------------------------------------------------------
  async function showRuns(query) {
    where.textContent = 'runs';
    const data = await api(`/api/runs${query.get('suite') ? `?suite=${encodeURIComponent(query.get('suite'))}` : ''}`);
    const suite = el('select', { id: 'suite-filter', onchange: (e) => { location.hash = e.target.value ? `#/?suite=${encodeURIComponent(e.target.value)}` : '#/'; } },
      el('option', { value: '' }, 'every suite'),
      data.suites.map((s) => el('option', { value: s, selected: s === query.get('suite') }, s)));
    const rows = data.runs.map((r) => el('tr', { 'data-run': r.id, onclick: () => { location.hash = `#/run/${encodeURIComponent(r.id)}`; } },
      el('td', {}, el('a', { href: `#/run/${encodeURIComponent(r.id)}` }, r.id)), el('td', {}, r.suite), el('td', {}, r.status),
      el('td', {}, r.models.join(', ')), el('td', {}, String(r.judges)), el('td', {}, String(r.epochs)), el('td', {}, r.createdAt), el('td', {}, r.exercise || '')));
    app.replaceChildren(
      el('h1', {}, 'Runs'),
      el('div', { class: 'filters' }, el('label', {}, 'suite', suite)),
      data.runs.length
        ? el('table', { class: 'list', id: 'runs' }, el('thead', {}, el('tr', {}, ['run', 'suite', 'status', 'models', 'judges', 'epochs', 'started', 'exercise'].map((h) => el('th', {}, h)))), el('tbody', {}, rows))
        : el('p', {}, 'No runs in this store yet: crosscheck eval SUITE --model REF ...'),
    );
  }

  // ---- a run's samples -------------------------------------------------------------------------
  const FILTER_KEYS = (run) => ['model', 'outcome', 'disagree', ...run.groups.map((g) => `g.${g.key}`)];

  function filterQuery(run, query) {
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS(run)) if (query.get(k)) q.set(k, query.get(k));
    return q;
  }

  async function showRun(id, query) {
    const run = await runInfo(id);
    lastRunHash.set(id, location.hash);
    where.textContent = `${run.suite} · run ${run.id}`;
    const filters = filterQuery(run, query);
    const go = (q) => { location.hash = `#/run/${encodeURIComponent(id)}?${q}`; };
    const setFilter = (key, value) => {
      const q = filterQuery(run, query);
      if (value) q.set(key, value); else q.delete(key);
      go(q);
    };
    const select = (key, label, options) => el('label', {}, label, el('select', { name: key, onchange: (e) => setFilter(key, e.target.value) },
      el('option', { value: '' }, 'any'), options.map(([v, t]) => el('option', { value: v, selected: query.get(key) === v }, t))));
    const outcomes = [...run.outcomes.map((o) => [o.label, o.title || o.label]), ['unscored', 'unscored'], ['error', 'failed']];
    const form = el('div', { class: 'filters' },
      select('model', 'model', run.models.map((m) => [m.label, m.label])),
      run.groups.map((g) => select(`g.${g.key}`, g.key, g.values.map((v) => [v, v]))),
      select('outcome', query.get('model') ? `outcome of ${query.get('model')}` : 'outcome (any model)', outcomes),
      el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'disagree', checked: query.get('disagree') === '1', onchange: (e) => setFilter('disagree', e.target.checked ? '1' : '') }), 'judges disagree'),
      el('a', { href: `#/run/${encodeURIComponent(id)}` }, 'clear'));

    const pageQuery = new URLSearchParams(filters);
    for (const k of ['after', 'afterEpoch', 'before', 'beforeEpoch']) if (query.get(k)) pageQuery.set(k, query.get(k));
    const count = el('span', { id: 'count' }, 'counting…');
    const page = await api(`/api/runs/${encodeURIComponent(id)}/samples?${pageQuery}`);
    api(`/api/runs/${encodeURIComponent(id)}/count?${filters}`).then((c) => { count.textContent = `${c.total.toLocaleString('en')} matching`; }, showError);

    const cursor = (dir, row) => {
      const q = new URLSearchParams(filters);
      q.set(dir, row.sampleId);
      q.set(`${dir}Epoch`, String(row.epoch));
      return `#/run/${encodeURIComponent(id)}?${q}`;
    };
    const pager = () => el('div', { class: 'pager' },
      page.hasPrev ? el('a', { href: cursor('before', page.rows[0]), class: 'prev' }, '‹ previous') : el('span', { class: 'muted' }, '‹ previous'),
      page.hasNext ? el('a', { href: cursor('after', page.rows[page.rows.length - 1]), class: 'next' }, 'next ›') : el('span', { class: 'muted' }, 'next ›'),
      el('span', { class: 'muted' }, `${page.rows.length} on this page · `, count, ` · page served in ${page.ms} ms`));
    const head = el('tr', {}, el('th', {}, 'sample'), el('th', {}, 'epoch'), run.groups.map((g) => el('th', {}, g.key)), run.models.map((m) => el('th', {}, modelName(run, m.label))));
    const rows = page.rows.map((r) => el('tr', { 'data-sample': r.sampleId, onclick: () => { location.hash = `#/run/${encodeURIComponent(id)}/sample/${encodeURIComponent(r.sampleId)}/${r.epoch}`; } },
      el('td', {}, el('a', { href: `#/run/${encodeURIComponent(id)}/sample/${encodeURIComponent(r.sampleId)}/${r.epoch}` }, r.sampleId)),
      el('td', {}, String(r.epoch)),
      run.groups.map((g) => el('td', {}, r.groups[g.key] ?? '')),
      run.models.map((m) => {
        const c = r.cells.find((x) => x.model === m.label);
        if (!c) return el('td', { class: 'muted' }, '—');
        return el('td', { 'data-model': m.label }, chip(run, c.status === 'error' ? 'error' : c.outcome, c.human), c.disagree ? el('span', { class: 'chip flag' }, 'judges split') : null,
          el('div', { class: 'preview muted' }, c.preview.length > 120 ? `${c.preview.slice(0, 120)}…` : c.preview));
      })));
    app.replaceChildren(
      el('h1', {}, `${run.suite} — run ${run.id}`),
      el('div', { class: 'meta' }, `${run.status} · ${run.epochs} epoch${run.epochs > 1 ? 's' : ''} · started ${run.createdAt} · graded by ${run.primaryTitle} · `,
        el('a', { href: `/runs/${encodeURIComponent(id)}/report.html` }, 'HTML report')),
      form, pager(),
      el('table', { class: 'list', id: 'samples' }, el('thead', {}, head), el('tbody', {}, rows)),
      page.rows.length ? pager() : el('p', {}, 'No samples match these filters.'));
  }

  // ---- one sample, every model -------------------------------------------------------------------
  async function showSample(id, sampleId, epoch) {
    const run = await runInfo(id);
    where.textContent = `${run.suite} · run ${run.id} · sample ${sampleId}`;
    const data = await api(`/api/runs/${encodeURIComponent(id)}/samples/${encodeURIComponent(sampleId)}/${epoch}`);
    const back = lastRunHash.get(id) || `#/run/${encodeURIComponent(id)}`;
    const render = () => app.replaceChildren(
      el('p', {}, el('a', { href: back }, '‹ back to the samples')),
      el('h1', {}, `Sample ${sampleId}, epoch ${epoch}`),
      el('div', { class: 'meta' }, Object.entries(data.answers[0].metadata).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ')),
      el('label', { class: 'check' }, el('input', { type: 'checkbox', id: 'blind', checked: blind, onchange: (e) => { blind = e.target.checked; render(); } }), ' blind (hide model names while you label)'),
      el('div', { class: 'side-by-side' }, data.answers.map((a) => answer(run, a, sampleId, epoch, render))));
    render();
  }

  function answer(run, a, sampleId, epoch, render) {
    const turns = (a.messages || []).map((m) => el('div', { class: `turn by-${m.by || 'unknown'}` }, el('div', { class: 'who' }, `${m.by || '?'} · ${m.role}`), el('div', { class: 'text' }, m.content)));
    if (!a.messages && a.output) turns.push(el('div', { class: 'turn by-target' }, el('div', { class: 'who' }, 'target · assistant'), el('div', { class: 'text' }, a.output)));
    if (a.error) turns.push(el('div', { class: 'turn error' }, el('div', { class: 'who' }, 'error'), el('div', { class: 'text' }, a.error)));
    const scores = el('table', { class: 'scores' },
      el('thead', {}, el('tr', {}, ['grader', 'label', 'judge', 'why'].map((h) => el('th', {}, h)))),
      el('tbody', {}, a.scores.map((s) => el('tr', { 'data-scorer': s.scorer },
        el('td', {}, s.scorer), el('td', {}, outcomeTitle(run, s.outcome), s.value !== null && s.value !== undefined ? ` (${s.value})` : ''),
        el('td', {}, blind ? '' : s.judge || ''),
        el('td', { class: 'why' }, s.unscoredReason || s.explanation || '', s.judgeReply ? el('details', {}, el('summary', {}, 'judge reply'), s.judgeReply) : null)))));
    const calls = el('details', {}, el('summary', {}, `${a.calls.length} model calls`),
      el('table', { class: 'scores' }, el('tbody', {}, a.calls.map((c) => el('tr', {}, el('td', {}, c.role), el('td', {}, blind && c.role === 'target' ? '' : c.modelRef),
        el('td', {}, `${c.inputTokens} in / ${c.outputTokens} out`), el('td', {}, `${c.latencyMs} ms${c.cached ? ' (cached)' : ''}`))))));
    const status = el('span', { class: 'muted review-status' });
    const review = a.status === 'done' ? el('div', { class: 'review' }, el('span', {}, 'Your label:'),
      run.outcomes.map((o) => el('button', {
        type: 'button', 'data-label': o.label, class: a.human && a.outcome === o.label ? 'chosen' : '',
        onclick: async () => {
          try {
            await api(`/api/runs/${encodeURIComponent(run.id)}/samples/${encodeURIComponent(sampleId)}/${epoch}/label`, {
              method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ model: a.model, outcome: o.label }),
            });
            a.outcome = o.label;
            a.human = true;
            render();
          } catch (err) { showError(err); }
        },
      }, o.title || o.label)), status) : null;
    return el('section', { class: 'answer', 'data-model': a.model },
      el('h2', {}, modelName(run, a.model), chip(run, a.outcome, a.human), a.disagree ? el('span', { class: 'chip flag' }, 'judges split') : null),
      turns, scores, calls, review);
  }

  // ---- routing ----------------------------------------------------------------------------------
  async function route() {
    errorBox.hidden = true;
    const hash = location.hash || '#/';
    const [path, qs] = hash.slice(1).split('?');
    const query = new URLSearchParams(qs || '');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    try {
      if (parts[0] === 'run' && parts[2] === 'sample') await showSample(parts[1], parts[3], Number(parts[4] || 1));
      else if (parts[0] === 'run' && parts[1]) await showRun(parts[1], query);
      else await showRuns(query);
    } catch (err) {
      showError(err);
    }
  }

  window.addEventListener('hashchange', route);
  route();
})();
