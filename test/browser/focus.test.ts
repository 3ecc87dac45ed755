// Issue 19 item 14: focus goes to the error summary or the first invalid field on every form, every control shows
// one visible focus style, and every page fits a 390 px phone with no serious or critical axe findings.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

/** What has focus: its tag, and its accessible hint (label, error summary text) for a readable failure. */
async function focused(
  page: Page,
): Promise<{ tag: string; invalid: string | null; summary: boolean; text: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      invalid: element?.getAttribute('aria-invalid') ?? null,
      summary: element?.hasAttribute('data-error-summary') ?? false,
      text: (element?.textContent ?? '').slice(0, 120),
    };
  });
}

async function waitForFocus(page: Page, what: 'summary' | 'invalid'): Promise<void> {
  await page.waitForFunction(
    (kind) => {
      const element = document.activeElement;
      return kind === 'summary'
        ? element?.hasAttribute('data-error-summary')
        : element?.getAttribute('aria-invalid') === 'true';
    },
    what,
    { timeout: 5000 },
  );
}

const ACCOUNTS = [
  'melder@gemeente-amsterdam.example',
  'triage@politie-le.example',
  'rechercheur@politie-amsterdam.example',
  'zorgcoordinator@zorg-amsterdam.example',
  'coordinator@gemeente-amsterdam.example',
  'analist@comensha.example',
  'privacy@politie-amsterdam.example',
  'beheer@politie-amsterdam.example',
];

describeInBrowser(`focus and mobile`, (web) => {
  let signalId = '';
  before(async () => {
    const reporter = await loginAs(web.server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const made = await reporter.post<{ id: string }>('/api/v1/signals', exampleSubmission());
    assert.equal(made.status, 201);
    signalId = made.body.id;
  });

  test('signal intake: a refused submit focuses the error summary', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'melder@gemeente-amsterdam.example');
    await page.goto(`${web.server.url}/signaal-melden`);
    await page.getByRole('button', { name: 'Signaal versturen' }).click();
    await waitForFocus(page, 'summary');
    assert.match((await focused(page)).text, /fout|Controleer/i);
    await page.context().close();
  });

  test('estimate, rounds, rules and users: focus on the summary or the first invalid field', async () => {
    const analyst = await openLoginPage(web);
    await logInThroughForm(analyst, 'analist@comensha.example');
    await analyst.goto(`${web.server.url}/schatting`);
    await analyst.getByRole('button', { name: 'Schatten', exact: true }).click();
    await waitForFocus(analyst, 'invalid');
    assert.equal((await focused(analyst)).tag, 'textarea', 'the missing table is the first error');

    await analyst.goto(`${web.server.url}/schattingsrondes`);
    await analyst.getByRole('button', { name: 'Ronde openen' }).click();
    await waitForFocus(analyst, 'invalid');
    assert.equal((await focused(analyst)).tag, 'input');
    await analyst.context().close();

    const triage = await openLoginPage(web);
    await logInThroughForm(triage, 'triage@politie-le.example');
    await triage.goto(`${web.server.url}/triageregels`);
    await triage.getByLabel('Standaardgewicht per indicator').fill('veel');
    await triage.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    await waitForFocus(triage, 'summary');
    await triage.context().close();

    const admin = await openLoginPage(web);
    await logInThroughForm(admin, 'beheer@politie-amsterdam.example');
    await admin.goto(`${web.server.url}/gebruikers`);
    await admin.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await waitForFocus(admin, 'invalid');
    assert.equal((await focused(admin)).tag, 'input');
    await admin.context().close();
  });

  test('every control reached with Tab shows the one focus style', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'melder@gemeente-amsterdam.example');
    await page.goto(`${web.server.url}/signaal-melden`);
    await page.getByRole('heading', { level: 1, name: 'Signaal melden' }).waitFor();
    const seen = new Set<string>();
    const unstyled: string[] = [];
    for (let step = 0; step < 60; step++) {
      await page.keyboard.press('Tab');
      const style = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const css = getComputedStyle(element);
        const kind = `${element.tagName.toLowerCase()}${element.getAttribute('type') ? `[${element.getAttribute('type')}]` : ''}`;
        return {
          kind,
          outline: css.outlineStyle !== 'none' && Number.parseFloat(css.outlineWidth) >= 2,
          halo: css.boxShadow.includes('rgb(255, 191, 26)') || css.boxShadow.includes('255, 19'),
          name: element.getAttribute('aria-label') ?? element.textContent?.slice(0, 40) ?? element.id,
        };
      });
      if (!style) continue;
      seen.add(style.kind);
      if (!style.outline) unstyled.push(`${style.kind} "${style.name}"`);
    }
    assert.deepEqual(unstyled, [], `controls without the visible focus outline: ${unstyled.join(', ')}`);
    for (const kind of [
      'a',
      'button[button]',
      'button[submit]',
      'input[text]',
      'input[date]',
      'select',
      'textarea',
      'input[checkbox]',
      'summary',
    ]) {
      assert.ok(seen.has(kind), `Tab reached a ${kind} (reached: ${[...seen].join(', ')})`);
    }
    await page.context().close();
  });

  test('every page of every role fits 390 px, wide tables cue their scroll, no serious axe findings', async () => {
    for (const email of ACCOUNTS) {
      const page = await openLoginPage(web);
      await page.setViewportSize({ width: 390, height: 844 });
      await logInThroughForm(page, email);
      // The compact header: the bar with the name and the menu takes at most a fifth of the phone's screen.
      const header = await page.locator('header').first().boundingBox();
      assert.ok(
        header && header.height <= 844 / 5 + 1,
        `${email}: header is ${header?.height} px high at 390 px`,
      );
      const paths = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLAnchorElement>('header nav a')].map(
          (a) => new URL(a.href).pathname,
        ),
      );
      if (email.startsWith('triage@') || email.startsWith('rechercheur@')) {
        paths.push(`/melding/${signalId}?als=${email.startsWith('triage@') ? 'triage' : 'team'}`);
      }
      for (const path of new Set(paths)) {
        await page.goto(web.server.url + path);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        // On failure, name the element that sticks out furthest, so the message says what to fix.
        const culprit =
          width <= 390
            ? ''
            : await page.evaluate(() => {
                let worst = { right: 0, what: '' };
                // (no helper function inside evaluate: the test transpiler would wrap it in a helper the page lacks)
                for (const el of document.body.querySelectorAll('*')) {
                  const right = el.getBoundingClientRect().right;
                  let clipped = false;
                  for (let up = el.parentElement; up && !clipped; up = up.parentElement)
                    clipped = getComputedStyle(up).overflowX !== 'visible';
                  if (right > 390 && clipped) continue;
                  if (right > worst.right)
                    worst = { right, what: `${el.tagName.toLowerCase()}.${el.className}` };
                }
                return `${worst.what} ends at ${Math.round(worst.right)} px`;
              });
        assert.ok(width <= 390, `${email} ${path}: the page is ${width} px wide at 390 px (${culprit})`);
        const uncued = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('table')]
            .filter((table) => {
              const wrap = table.parentElement;
              return (
                wrap && wrap.scrollWidth > wrap.clientWidth + 1 && !wrap.querySelector('.kp-scroll-hint')
              );
            })
            .map((table) => table.querySelector('caption')?.textContent ?? '?'),
        );
        assert.deepEqual(uncued, [], `${email} ${path}: wide tables without a scroll cue`);
        const name = `390-${email.split('@')[0]}-${path.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`;
        await assertAccessible(page, name);
      }
      await page.context().close();
    }
  });
});
