import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { orgIdOf } from '../helpers/analysts.ts';
import { describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

/**
 * Issue 19 item 5: one language on screen. Every page of every role, in Dutch and in English, is scanned
 * for what a user should never read: codes (snake_case), dictionary keys, NaN/undefined, zod's English,
 * and words of the other language that leaked in.
 */
const ROLES = [
  'melder@gemeente-amsterdam.example',
  'triage@politie-le.example',
  'rechercheur@politie-amsterdam.example',
  'zorgcoordinator@zorg-amsterdam.example',
  'coordinator@gemeente-amsterdam.example',
  'analist@comensha.example',
  'privacy@politie-amsterdam.example',
  'beheer@politie-amsterdam.example',
];

const ALWAYS = [
  /\b[a-z]+(?:_[a-z0-9]+)+\b/, // a code such as possible_victim or signal_assessment
  /\b(?:signals|estimate|privacy|nav|field|module|role|purpose|error|app)\.[a-zA-Z]+(?:\.[a-zA-Z-]+)*\b/, // a key
  /\bNaN\b|\bundefined\b|\bnull\b|\[object Object\]/,
  /Invalid input|expected (?:string|number|array)/i,
];
/** English words that are not Dutch as well, as whole words; and the reverse. */
const ENGLISH =
  /\b(?:running|paused|pending|queued|failed|done|read|transition|login|create|update|delete|the|and|with|same template|differing|true|false)\b/i;
// Interface words only: names of places and people ("Berg en Dal", "van der Berg") are data in any language.
const DUTCH =
  /\b(?:melding|meldingen|organisatie|verzoek|gebruiker|gebruikers|bekijken|opslaan|gekozen|niet|geen|zoeken|termijn)\b/i;

/** The text of the main region, without what the user typed or what is shown as code on purpose. */
async function visibleText(page: Page): Promise<string> {
  return page.locator('main').evaluate((main) => {
    // innerText on purpose: the rendered text with its line breaks, as a reader sees it.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is scanned
    let text = (main as HTMLElement).innerText;
    for (const node of main.querySelectorAll('code, pre, .kp-mono, textarea')) {
      // biome-ignore lint/performance/useDomNodeTextContent: must match the rendered text above
      const own = (node as HTMLElement).innerText;
      if (own) text = text.replace(own, ' ');
    }
    return text;
  });
}

function problems(text: string, lang: 'nl' | 'en'): string[] {
  const found: string[] = [];
  // E-mail addresses and URLs are data, not words.
  const cleaned = text.replace(/\S+@\S+|https?:\/\/\S+|\b[\w-]+\.example\b/g, ' ');
  for (const pattern of [...ALWAYS, lang === 'nl' ? ENGLISH : DUTCH]) {
    for (const line of cleaned.split('\n')) {
      const match = line.match(pattern);
      if (match) found.push(`${match[0]} in "${line.trim().slice(0, 120)}"`);
    }
  }
  return found;
}

describeInBrowser(`one language on screen`, (web) => {
  let signalId = '';
  before(async () => {
    const reporter = await loginAs(web.server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    signalId = (await reporter.post<{ id: string }>('/api/v1/signals', exampleSubmission())).body.id;
    const triage = await loginAs(web.server, 'triage@politie-le.example', 'signal_assessment');
    await triage.post(`/api/v1/signals/${signalId}/transitions`, { action: 'start_triage' });
    await triage.post(`/api/v1/signals/${signalId}/transitions`, {
      action: 'route',
      route: 'police_avim',
      team: await orgIdOf(web.server, 'Politie Eenheid Amsterdam'),
    });
  });

  test('no codes, keys or words of the other language on any page, in Dutch and in English', async () => {
    const report: string[] = [];
    for (const email of ROLES) {
      const page = await openLoginPage(web);
      await logInThroughForm(page, email);
      const paths = await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link')
        .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
      if (email.startsWith('triage@')) paths.push(`/melding/${signalId}?als=triage`);
      if (email.startsWith('rechercheur@')) paths.push(`/melding/${signalId}?als=team`);
      for (const lang of ['nl', 'en'] as const) {
        if (lang === 'en') await page.getByRole('button', { name: 'English', exact: true }).click();
        for (const path of paths) {
          await page.goto(`${web.server.url}${path}`);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await page.waitForLoadState('networkidle');
          for (const problem of problems(await visibleText(page), lang))
            report.push(`${lang} ${email} ${path}: ${problem}`);
        }
      }
      await page.context().close();
    }
    mkdirSync('.tmp', { recursive: true });
    writeFileSync('.tmp/language-scan.txt', `${report.join('\n')}\n`);
    assert.equal(report.length, 0, `see .tmp/language-scan.txt; first:\n${report.slice(0, 30).join('\n')}`);
  });
});
