import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SynthAd } from '../../bench/crawler/generator.ts';
import { type RunningSite, startSite, syntheticAdapter } from '../../bench/crawler/site.ts';
import { actorOf, databaseLabel, openTestStore } from '../../test/helpers/store.ts';
import { type AccessTx, withAccess } from '../access/context.ts';
import { Problem } from '../domain/problem.ts';
import type { Store } from '../store/connect.ts';
import { decideIdentifier, listDecisions, withdrawDecision } from './identifier-decisions.ts';
import {
  createInvestigation,
  executeCrawl,
  investigationClusters,
  saveAdapter,
  startCrawl,
} from './service.ts';

const FAST = { minDelayMs: 0, timeoutMs: 2000, backoffMs: 5, retries: 1 };
const TAXI = '+31205551234';

// Six operators, each with its own number and wording; every ad also names one taxi line.
const WORDING = [
  'Welkom in mijn studio aan de rand van de stad, parkeren is gratis.',
  'Sportieve dame met krullend haar, spreekt Engels en Spaans.',
  'Alleen op doordeweekse avonden voor vaste gasten met respect.',
  'Nieuw adres in het centrum, goed bereikbaar met tram en bus.',
  'Vrolijke levensgenieter met een warme lach en een zachte stem.',
  'Ervaren masseuse met warme olie en zachte muziek na je werkweek.',
];
const ads: SynthAd[] = WORDING.flatMap((wording, op) =>
  [0, 1].map((n) => ({
    id: `op${op}-${n}`,
    entity: `op${op}`,
    lang: 'nl' as const,
    title: `Advertentie ${op}-${n}`,
    text: `${n === 0 ? wording : `Vandaag beschikbaar. ${wording}`} Taxi nodig? Bel 020 555 1234.`,
    city: 'Utrecht',
    postedAt: '2026-02-01T10:00:00.000Z',
    phoneField: `06 1000 00${op}${op}`,
    phones: [`+3161000000${op}${op}`],
    price: 150,
    age: 25,
    images: [],
  })),
);

describe(`an investigator's decisions about shared identifiers on ${databaseLabel}`, () => {
  let store: Store;
  let site: RunningSite;
  let investigationId: string;
  before(async () => {
    store = await openTestStore({ seed: true });
    site = await startSite({ seed: 3, ads, perPage: 20, crawlDelay: 0, traps: false });
    const investigation = await as((tx) =>
      createInvestigation(tx, {
        caseRef: 'ON-2026-0013',
        legalBasis: 'Wpg art. 9, bevel OvJ 2026-13',
        endsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        sites: ['synthetic-escort'],
      }),
    );
    investigationId = investigation.id as string;
    await as((tx) => saveAdapter(tx, syntheticAdapter(site.baseUrl)));
    const run = await as((tx) =>
      startCrawl(tx, { investigationId: investigationId, site: 'synthetic-escort' }),
    );
    await executeCrawl(store, run.id, { fetcher: FAST });
  });
  after(async () => {
    await site.close();
    await store.close();
  });

  const as = async <T>(work: (tx: AccessTx) => Promise<T>) =>
    withAccess(
      store,
      {
        actor: await actorOf(store, 'rechercheur@politie-amsterdam.example'),
        purpose: 'criminal_investigation',
      },
      work,
    );
  const clusters = () => as((tx) => investigationClusters(tx, investigationId));
  const operators = (result: Awaited<ReturnType<typeof clusters>>) =>
    result.clusters
      .filter((c) => c.ads.length > 1)
      .map((c) => [...new Set(c.ads.map((url) => url.split('/ad/')[1].split('-')[0]))].sort().join('+'))
      .sort();

  test('a taxi number beside six operators’ own numbers is cut with the reason; overruling the cut makes it link', async () => {
    const before = await clusters();
    assert.deepEqual(operators(before), ['op0', 'op1', 'op2', 'op3', 'op4', 'op5']);
    const cut = before.guarded.find((g) => g.value === TAXI);
    assert.ok(cut, 'taxi number cut');
    assert.equal(cut.cause, 'bridges');
    assert.equal(cut.groups, 6);
    assert.match(cut.reason.en, /12 ads of 6 groups that each have their own number/);
    assert.match(cut.reason.nl, /taxi, hotel, boekingslijn/);

    await as((tx) =>
      decideIdentifier(tx, investigationId, {
        kind: 'phone',
        value: '020-5551234',
        decision: 'not_shared',
        reason: 'Taxibedrijf is van de exploitant (tap 2026-14)',
      }),
    );
    const overruled = await clusters();
    assert.deepEqual(operators(overruled), ['op0+op1+op2+op3+op4+op5'], 'the overruled taxi number links');
    assert.ok(!overruled.guarded.some((g) => g.value === TAXI));
    const evidence = overruled.clusters.flatMap((c) => c.evidence).filter((e) => e.kind === 'phone');
    assert.ok(evidence.some((e) => e.detail === `same phone ${TAXI}`));

    await as((tx) => withdrawDecision(tx, investigationId, 'phone', TAXI));
    assert.deepEqual(operators(await clusters()), ['op0', 'op1', 'op2', 'op3', 'op4', 'op5']);
  });

  test('a number on the investigation’s list is never used to link, and every decision is audited', async () => {
    await as((tx) =>
      decideIdentifier(tx, investigationId, {
        kind: 'phone',
        value: '06 1000 0033',
        decision: 'shared',
        reason: 'Boekingslijn van een hotel',
      }),
    );
    const result = await clusters();
    const listed = result.guarded.find((g) => g.value === '+31610000033');
    assert.equal(listed?.cause, 'listed');
    assert.match(listed?.reason.en ?? '', /on this investigation's list of shared numbers/);
    assert.ok(!operators(result).includes('op3'), 'op3 no longer linked by its number');
    const decisions = await as((tx) => listDecisions(tx, investigationId));
    assert.deepEqual(
      decisions.map((d) => [d.kind, d.value, d.decision]),
      [['phone', '+31610000033', 'shared']],
    );
    const audited = await store.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('resource', '=', 'crawl_identifier_decision')
      .where('action', 'in', ['create', 'delete'])
      .execute();
    assert.deepEqual(audited.map((a) => a.action).sort(), ['create', 'create', 'delete']);
    assert.ok(audited.some((a) => a.reason === 'Boekingslijn van een hotel'));
  });

  test('a value that is not an identifier of its kind is refused, naming the field, and nothing is stored', async () => {
    await assert.rejects(
      as((tx) =>
        decideIdentifier(tx, investigationId, {
          kind: 'phone',
          value: 'geen nummer',
          decision: 'shared',
          reason: 'test',
        }),
      ),
      (error: unknown) =>
        error instanceof Problem && error.code === 'invalid_input' && error.field === 'value',
    );
    const decisions = await as((tx) => listDecisions(tx, investigationId));
    assert.ok(!decisions.some((d) => d.value?.includes('geen')));
  });
});
