import { etaSeconds, type ModelProgress } from '../runner/progress.js';
import { displayLabels } from './progress-labels.js';

/**
 * Draws one line per model: samples done, errors, retries, calls in flight and how long the
 * oldest has waited, tokens, ETA. On a terminal the lines are redrawn in place (at most every
 * 100 ms; the runner ticks every second, so a hung upstream shows its wait growing); elsewhere
 * (CI, pipes) a line per model is printed every 10 s and at the end, so logs stay short.
 */
export class ProgressBar {
  private lastDraw = 0;
  private drawnLines = 0;
  private readonly tty: boolean;
  private latest: ModelProgress[] = [];

  constructor(private readonly out: NodeJS.WriteStream = process.stderr, private readonly enabled = true) {
    this.tty = Boolean(out.isTTY);
  }

  update(progress: ModelProgress[]): void {
    this.latest = progress;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < (this.tty ? 100 : 10_000) && this.drawnLines > 0) return;
    this.draw(now);
  }

  finish(): void {
    if (this.enabled && this.latest.length) this.draw(Date.now());
  }

  private draw(now: number): void {
    this.lastDraw = now;
    const names = displayLabels(this.latest.map((p) => p.label));
    const width = Math.max(...names.map((n) => n.length));
    const lines = this.latest.map((p, i) => formatLine(p, now, names[i].padEnd(width)));
    if (this.tty && this.drawnLines) this.out.write(`\x1b[${this.drawnLines}A`);
    for (const line of lines) this.out.write(this.tty ? `\x1b[2K${line}\n` : `${line}\n`);
    this.drawnLines = this.tty ? lines.length : 1;
  }
}

export function formatLine(p: ModelProgress, now = Date.now(), name = p.label): string {
  const finished = p.skipped + p.done + p.errors;
  const width = 24;
  const filled = p.total ? Math.round((finished / p.total) * width) : width;
  const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
  const eta = etaSeconds(p, now);
  const waiting = p.inFlight ? ` (oldest ${formatDuration(p.oldestWaitMs / 1000)})` : '';
  const stopped = p.stopped ? `  STOPPED after ${p.stopped}` : '';
  return (
    `${name} [${bar}] ${finished}/${p.total}` +
    `  errors ${p.errors}  retries ${p.retries}  in flight ${p.inFlight}${waiting}  tokens ${formatCount(p.inputTokens + p.outputTokens)}` +
    (stopped || `  ETA ${eta === undefined ? '?' : formatDuration(eta)}`)
  );
}

function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

function formatDuration(s: number): string {
  const m = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  return `${m}:${String(sec).padStart(2, '0')}`;
}
