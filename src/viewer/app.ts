/**
 * The viewer's routes, every one on this screen (Hono: a router with typed params and a small
 * middleware chain, no dependencies of its own; node:http carries it, via @hono/node-server).
 * The page is static; the API pages and filters the store server-side, so a run of any size
 * sends the browser one page of rows at a time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { CrosscheckError } from '../core/errors.js';
import { isFavourable } from '../core/measures.js';
import { packageRoot } from '../core/package-root.js';
import { buildReport } from '../report/build-report.js';
import { renderHtml } from '../report/html/index.js';
import { sampleOutcome } from '../report/sample-outcome.js';
import type { SampleRecord } from '../store/browse-records.js';
import type { RunStore } from '../store/run-store.js';
import { guard } from './guard.js';
import { BadQuery, NotFound, pageCursor, sampleFilter } from './query.js';
import { RunViews, type RunView } from './run-context.js';

const PAGE_CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** The HTML report served here links into the viewer; it keeps its own inline style and script. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";
/** Reports kept built (one per run; the least recently built is dropped). */
const REPORT_CACHE = 8;

export function createViewerApp(store: RunStore, allowedHosts: () => readonly string[]): Hono {
  const app = new Hono();
  const views = new RunViews(store);
  const page = (name: string) => readFileSync(join(packageRoot(), 'src', 'viewer', 'page', name), 'utf8');
  const files = { html: page('index.html'), js: page('app.js'), css: page('app.css') };

  app.use('*', guard(allowedHosts));
  app.onError((err, c) => {
    if (err instanceof BadQuery) return c.json({ error: err.message }, 400);
    if (err instanceof NotFound) return c.json({ error: err.message }, 404);
    if (err instanceof CrosscheckError) return c.json({ error: err.message.split('\n')[0] }, 422);
    throw err;
  });

  app.get('/', (c) => c.body(files.html, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP }));
  app.get('/app.js', (c) => c.body(files.js, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/app.css', (c) => c.body(files.css, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  app.get('/api/runs', (c) => {
    const suite = c.req.query('suite');
    const runs = store.listRuns(1000).filter((r) => !suite || r.suite === suite);
    return c.json({
      suites: [...new Set(store.listRuns(1000).map((r) => r.suite))].sort(),
      runs: runs.map((r) => {
        const config = r.config as { targets?: { label: string }[]; judges?: unknown[]; epochs?: number; exerciseId?: string };
        return {
          id: r.id, suite: r.suite, status: r.status, createdAt: r.createdAt, finishedAt: r.finishedAt,
          models: (config.targets ?? []).map((t) => t.label), judges: config.judges?.length ?? 0, epochs: config.epochs ?? 1,
          exercise: config.exerciseId ?? null,
        };
      }),
    });
  });

  app.get('/api/runs/:id', (c) => {
    const view = requireView(c, views);
    const { run, ...rest } = view;
    return c.json({
      ...rest, id: run.id, suite: run.suite, suiteVersion: run.suiteVersion, status: run.status, createdAt: run.createdAt,
      finishedAt: run.finishedAt, epochs: run.config.epochs, counts: store.sampleCounts(run.id),
    });
  });

  app.get('/api/runs/:id/samples', (c) => {
    const view = requireView(c, views);
    const q = new URL(c.req.url).searchParams;
    const filter = sampleFilter(q, view);
    const started = performance.now();
    const result = store.samplePage(view.run.id, { ...filter, ...pageCursor(q), primaryScorer: view.primaryScorer, groupKeys: view.groups.map((g) => g.key) });
    return c.json({ ...result, ms: Math.round((performance.now() - started) * 10) / 10 });
  });

  app.get('/api/runs/:id/count', (c) => {
    const view = requireView(c, views);
    return c.json({ total: views.count(view, sampleFilter(new URL(c.req.url).searchParams, view)) });
  });

  app.get('/api/runs/:id/samples/:sampleId/:epoch', (c) => {
    const view = requireView(c, views);
    const epoch = Number(c.req.param('epoch'));
    if (!Number.isInteger(epoch) || epoch < 1) throw new BadQuery('epoch must be a whole number of at least 1');
    const records = [...store.sampleRecords(view.run.id, { sampleId: c.req.param('sampleId'), epoch })];
    if (records.length === 0) throw new NotFound(`run ${view.run.id} has no sample "${c.req.param('sampleId')}" in epoch ${epoch}`);
    return c.json({ primaryScorer: view.primaryScorer, outcomes: view.outcomes, answers: records.map((r) => answer(r, view)) });
  });

  app.post('/api/runs/:id/samples/:sampleId/:epoch/label', async (c) => {
    const view = requireView(c, views);
    const body = (await c.req.json().catch(() => null)) as { model?: unknown; outcome?: unknown } | null;
    const epoch = Number(c.req.param('epoch'));
    const outcome = view.outcomes.find((o) => o.label === body?.outcome);
    if (!outcome) throw new BadQuery(`outcome must be one of ${view.outcomes.map((o) => o.label).join(', ')}`);
    if (typeof body?.model !== 'string' || !view.models.some((m) => m.label === body.model)) throw new BadQuery(`model must be one of ${view.models.map((m) => m.label).join(', ')}`);
    const [record] = [...store.sampleRecords(view.run.id, { model: body.model, sampleId: c.req.param('sampleId'), epoch })];
    if (!record || record.status !== 'done') throw new NotFound('no finished answer of that model to that sample');
    store.setHumanLabel(view.run.id, body.model, record.sampleId, epoch, outcome.label, isFavourable(outcome) ? 1 : 0, 'human review (viewer)');
    return c.json({ ok: true, model: body.model, outcome: outcome.label });
  });

  // A report's statistics take a while on a large run (bootstraps): kept until the store changes.
  const reports = new Map<string, { version: string; html: string }>();
  app.get('/runs/:id/report.html', async (c) => {
    const view = requireView(c, views);
    const version = store.dataVersion();
    let hit = reports.get(view.run.id);
    if (!hit || hit.version !== version) {
      hit = { version, html: await renderHtml(buildReport(store, view.run.id), { store, viewerUrl: '', embed: false }) };
      if (!reports.has(view.run.id) && reports.size >= REPORT_CACHE) reports.delete(reports.keys().next().value!);
      reports.set(view.run.id, hit);
    }
    return c.body(hit.html, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REPORT_CSP });
  });

  return app;
}

function requireView(c: Context, views: RunViews): RunView {
  const view = views.view(c.req.param('id')!);
  if (!view) throw new NotFound(`no run "${c.req.param('id')}" in this store`);
  return view;
}

/** One model's answer as the side-by-side view shows it: every turn, every grade, the calls without their prompts. */
function answer(r: SampleRecord, view: RunView) {
  const { outcome, human, disagree } = sampleOutcome(r, view.primaryScorer);
  return {
    model: r.model, status: r.status, metadata: r.metadata, messages: r.messages, output: r.output, error: r.error, completedAt: r.completedAt,
    outcome, human, disagree,
    scores: r.scores,
    calls: r.generations.map((g) => ({
      role: g.role, modelRef: g.modelRef, returnedModel: g.generation.returnedModel, inputTokens: g.generation.usage.inputTokens,
      outputTokens: g.generation.usage.outputTokens, latencyMs: Math.round(g.generation.latencyMs), cached: g.generation.cached === true,
    })),
  };
}
