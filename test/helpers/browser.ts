import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { after, before, describe } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/ensure-web-build.ts';
import { DEMO_PASSWORD } from '../../src/store/demo.ts';
import { startTestServer, type TestServer } from './server.ts';
import { databaseLabel } from './store.ts';

/** Debian's Chromium, or the one named in CHROMIUM_PATH. */
export function chromiumPath(): string | null {
  // An explicit CHROMIUM_PATH is the only candidate: a wrong one must not silently pick another browser.
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => existsSync(path)) ?? null;
}

/**
 * Why the browser tests cannot run here, or false when they can. Without Chromium they are skipped
 * with a visible notice, except under CI=true where a missing browser is a failure, not a skip.
 */
export function browserSkipReason(): string | false {
  if (chromiumPath()) return false;
  const reason =
    'Chromium niet gevonden (zet CHROMIUM_PATH of installeer het Debian-pakket chromium) / ' +
    'Chromium not found (set CHROMIUM_PATH or install the Debian package chromium)';
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires the browser tests to run`);
  console.warn(`\n⚠ browser tests skipped: ${reason}\n`);
  return reason;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found');
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

/**
 * Injects axe-core. The app's Content-Security-Policy (script-src 'self') rightly blocks
 * page.addScriptTag's inline script, so it is evaluated through the DevTools protocol instead,
 * which leaves the CSP in force for everything the app itself does.
 */
async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  axeSource ??= readFileSync(axePath, 'utf8');
  await page.evaluate(axeSource);
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) and returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await injectAxe(page);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })) as { violations: AxeViolation[] };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Describes violations readably for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
}

/** Saves a full-page PNG under .tmp/screenshots (gitignored) for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join('.tmp', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Saves a screenshot under `name` and asserts there are no serious or critical axe violations. */
export async function assertAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `${name}:\n${describeViolations(violations)}`);
}

export interface WebFixture {
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the web app if needed, starts the real server serving it, and launches Chromium. */
export async function startWebFixture(): Promise<WebFixture> {
  await ensureWebBuild();
  const server = await startTestServer({ webDir: resolve('dist/web') });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** A fresh browser context (own cookies and localStorage) on the login page. */
export async function openLoginPage(fixture: WebFixture): Promise<Page> {
  const context = await fixture.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'nl-NL',
  });
  const page = await context.newPage();
  await page.goto(`${fixture.server.url}/`);
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  return page;
}

/** Logs in through the form, as a person would, and waits for the start page. */
export async function logInThroughForm(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  const welcome = page.getByRole('heading', { level: 1, name: /^Welkom, / });
  const problem = page.getByRole('alert');
  try {
    await welcome.or(problem).first().waitFor({ timeout: 10_000 });
  } catch (error) {
    await screenshot(page, 'failed-login');
    throw error;
  }
  if (await problem.isVisible()) throw new Error(`login of ${email} failed: ${await problem.textContent()}`);
}

/**
 * A suite against the real server and Chromium, skipped with its reason when there is no Chromium
 * (never under CI=true). `web` is filled in before the first test and closed after the last.
 */
export function describeInBrowser(title: string, body: (web: WebFixture) => void): void {
  describe(`${title} in Chromium on ${databaseLabel}`, { skip: browserSkipReason() }, () => {
    const web = {} as WebFixture;
    before(async () => {
      Object.assign(web, await startWebFixture());
    });
    after(() => web.close?.());
    body(web);
  });
}
