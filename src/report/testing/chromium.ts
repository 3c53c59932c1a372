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

/** CI (the CI variable set, as CI services and .ci/run do) must run the browser tests, never skip them. */
export function browserRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return !!ci && ci !== '0' && ci !== 'false';
}

/**
 * A skip message when there is no chromium to drive (tests pass it to `test(..., { skip })`).
 * Only outside CI: in CI a missing browser is no reason to skip, so this returns false and
 * launchChromium fails the tests with the reason.
 */
export function chromiumMissing(env: NodeJS.ProcessEnv = process.env, path = CHROMIUM_PATH): string | false {
  if (existsSync(path) || browserRequired(env)) return false;
  return `no chromium at ${path} (apt-get install chromium, or set CROSSCHECK_CHROMIUM)`;
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

export async function launchChromium(viewport = { width: 1280, height: 900 }, executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`browser tests must run in CI, but there is no chromium at ${executablePath} (.ci/run installs Debian's chromium; or set CROSSCHECK_CHROMIUM)`);
  }
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cc-chromium-profile-')), {
    executablePath, headless: true, args: ARGS, viewport,
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
