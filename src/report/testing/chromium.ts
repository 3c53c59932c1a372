/**
 * Test helper: Debian's chromium, headless, driven by playwright-core (never a browser Playwright
 * downloads). Each launch gets a fresh profile; nothing may reach the network but loopback, and
 * every console error, page error and non-local request is collected for the test to assert on.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CROSSCHECK_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** A skip message when there is no chromium to drive (tests pass it to `test(..., { skip })`). */
export function chromiumMissing(): string | false {
  return existsSync(CHROMIUM_PATH) ? false : `no chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CROSSCHECK_CHROMIUM)`;
}

export interface Browser {
  context: BrowserContext;
  /** A new page whose problems are recorded in `problems`. */
  page(): Promise<Page>;
  /** Console errors, uncaught page errors, and requests to anything but file://, data: and loopback. */
  problems: string[];
  /** Where screenshots go: CROSSCHECK_SCREENSHOTS, else a fresh temporary folder. */
  screenshots: string;
  close(): Promise<void>;
}

export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cc-chromium-profile-')), {
    executablePath: CHROMIUM_PATH, headless: true, args: ARGS, viewport,
  });
  const screenshots = process.env.CROSSCHECK_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'cc-screenshots-'));
  mkdirSync(screenshots, { recursive: true });
  const problems: string[] = [];
  return {
    context,
    problems,
    screenshots,
    async page() {
      const page = await context.newPage();
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        if (!/^(file:|data:|blob:|http:\/\/127\.0\.0\.1[:/]|about:)/.test(r.url())) problems.push(`request to ${r.url()}`);
      });
      return page;
    },
    close: () => context.close(),
  };
}
