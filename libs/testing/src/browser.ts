import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where the browser tests leave screenshots and PDFs (git-ignored). */
export const TEST_ARTIFACTS = resolve(__dirname, '..', '..', '..', 'test-artifacts');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The machine's own Chromium, from Debian's package: nothing downloads a browser at run time
 * (playwright-core never does). PEDIGREE_CHROMIUM names another binary.
 */
export async function launchBrowser(): Promise<Browser> {
  const named = process.env.PEDIGREE_CHROMIUM;
  const executablePath = named ?? CANDIDATES.find((path) => existsSync(path));
  if (!executablePath || !existsSync(executablePath)) {
    throw new Error(
      `No Chromium found (${named ? `PEDIGREE_CHROMIUM=${named} does not exist` : `looked for ${CANDIDATES.join(', ')}`}). ` +
        'The browser tests drive the system browser: install it with `apt-get install -y chromium` (Debian), or set PEDIGREE_CHROMIUM to a Chromium binary.',
    );
  }
  // No sandbox: CI runs as root, where Chromium refuses its sandbox. The pages are our own app.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'] });
}

export interface AppSession {
  context: BrowserContext;
  page: Page;
  /** Every request the page made that did not go to the registry's origin. */
  offOrigin: string[];
  /** Console errors and Content-Security-Policy violations, which a correct page never causes. */
  problems: string[];
}

/** A fresh browser context on the registry, recording requests that leave its origin. */
export async function openApp(browser: Browser, baseUrl: string): Promise<AppSession> {
  const origin = new URL(baseUrl).origin;
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const offOrigin: string[] = [];
  const problems: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) offOrigin.push(url);
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Page-side code as text: this file is compiled without the DOM's types.
  await page.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
  );
  return { context, page, offOrigin, problems };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const AXE_SOURCE = () => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.x A/AA rules on the page as it stands; returns the serious and critical
 * violations. It is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE_SOURCE()}\n;0`);
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a screenshot under test-artifacts/ and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(TEST_ARTIFACTS, { recursive: true });
  const path = join(TEST_ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
