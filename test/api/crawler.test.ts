import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateAds } from '../../bench/crawler/generator.ts';
import { type RunningSite, startSite, syntheticAdapter } from '../../bench/crawler/site.ts';
import { executeCrawl } from '../../src/crawler/service.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

describe(`crawler API on ${databaseLabel}`, () => {
  let server: TestServer;
  let site: RunningSite;
  const ads = generateAds({ seed: 9, ads: 40 });
  before(async () => {
    server = await startTestServer();
    site = await startSite({ seed: 9, ads, perPage: 20, crawlDelay: 0, traps: false });
  });
  after(async () => {
    await site.close();
    await server.close();
  });

  test('mandate, adapter, crawl and clusters for an investigator; 403 with the reason otherwise', async () => {
    const investigator = await loginAs(
      server,
      'rechercheur@politie-amsterdam.example',
      'criminal_investigation',
    );
    const badAdapter = await investigator.post<{ error: { code: string; field: string; message: string } }>(
      '/api/v1/crawler/adapters',
      { config: { ...syntheticAdapter(site.baseUrl), listing: { urlPattern: '(', adLinks: 'a' } } },
    );
    assert.equal(badAdapter.status, 400);
    assert.equal(badAdapter.body.error.field, 'listing.urlPattern');
    assert.equal(
      (await investigator.post('/api/v1/crawler/adapters', { config: syntheticAdapter(site.baseUrl) }))
        .status,
      201,
    );
    const mandate = await investigator.post<{ id: string; endsOn: string }>(
      '/api/v1/crawler/investigations',
      {
        caseRef: 'ON-2026-1',
        legalBasis: 'Wpg art. 9, bevel OvJ 2026-3',
        endsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        sites: ['synthetic-escort'],
      },
    );
    assert.equal(mandate.status, 201);

    const wrongSite = await investigator.post<{ error: { message: string } }>('/api/v1/crawler/crawls', {
      investigationId: mandate.body.id,
      site: 'elders',
    });
    assert.equal(wrongSite.status, 403);
    assert.match(wrongSite.body.error.message, /valt niet onder het mandaat/);
    const triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    const refused = await triage.post<{ error: { message: string } }>('/api/v1/crawler/crawls', {
      investigationId: mandate.body.id,
      site: 'synthetic-escort',
    });
    assert.equal(refused.status, 403);

    const started = await investigator.post<{ id: string; status: string }>('/api/v1/crawler/crawls', {
      investigationId: mandate.body.id,
      site: 'synthetic-escort',
    });
    assert.equal(started.status, 202);
    assert.equal(started.body.status, 'queued');
    const job = await server.store.db
      .selectFrom('jobs')
      .select('kind')
      .where('kind', '=', 'crawler.crawl')
      .execute();
    assert.equal(job.length, 1, 'queued as a durable job');
    await executeCrawl(server.store, started.body.id, { fetcher: { minDelayMs: 0 } });

    const progress = await investigator.get<{ status: string; progress: { adsFound: number } }>(
      `/api/v1/crawler/crawls/${started.body.id}`,
    );
    assert.equal(progress.status, 200);
    assert.equal(progress.body.progress.adsFound, ads.length);
    const clusters = await investigator.get<{
      clusters: { ads: string[]; evidence: { kind: string; detail: string }[] }[];
    }>(`/api/v1/crawler/investigations/${mandate.body.id}/clusters`);
    assert.equal(clusters.status, 200);
    assert.equal(clusters.body.clusters.flatMap((c) => c.ads).length, ads.length);
    const biggest = clusters.body.clusters.sort((a, b) => b.ads.length - a.ads.length)[0] as unknown as {
      ads: string[];
      timeline: { postedAt: string }[];
      cities: { city: string; ads: number }[];
    };
    assert.equal(biggest.timeline.length, biggest.ads.length, 'a timeline entry per ad');
    assert.ok(biggest.timeline.every((e, i) => i === 0 || e.postedAt >= biggest.timeline[i - 1].postedAt));
    assert.equal(
      biggest.cities.reduce((n, c) => n + c.ads, 0),
      biggest.ads.length,
    );
    const other = await loginAs(server, 'inspecteur@inspectie-szw.example', 'criminal_investigation');
    const foreign = await other.get<unknown>(`/api/v1/crawler/investigations/${mandate.body.id}/ads`);
    assert.equal(foreign.status, 404, 'another organisation does not see the investigation');

    // Issue 13: the investigation's list of shared lines and overruled cuts.
    const decisions = `/api/v1/crawler/investigations/${mandate.body.id}/identifier-decisions`;
    const badValue = await investigator.request<{ error: { field: string; message: string } }>(
      'PUT',
      decisions,
      {
        kind: 'phone',
        value: 'taxi',
        decision: 'shared',
        reason: 'Taxicentrale',
      },
    );
    assert.equal(badValue.status, 400);
    assert.equal(badValue.body.error.field, 'value');
    const badKind = await investigator.request<{ error: { message: string; field?: string } }>(
      'PUT',
      decisions,
      {
        kind: 'fax',
        value: '020 555 1234',
        decision: 'shared',
        reason: 'Taxicentrale',
      },
    );
    assert.equal(badKind.status, 400);
    assert.equal(badKind.body.error.field, 'kind');
    const listed = await investigator.request<{ value: string; decision: string }>('PUT', decisions, {
      kind: 'phone',
      value: '020 555 1234',
      decision: 'shared',
      reason: 'Taxicentrale',
    });
    assert.equal(listed.status, 200);
    assert.deepEqual([listed.body.value, listed.body.decision], ['+31205551234', 'shared']);
    const list = await investigator.get<{ value: string; reason: string }[]>(decisions);
    assert.deepEqual(
      list.body.map((d) => [d.value, d.reason]),
      [['+31205551234', 'Taxicentrale']],
    );
    assert.equal((await other.get<unknown>(decisions)).status, 404, 'not for another organisation');
    const withdrawn = await investigator.request('DELETE', `${decisions}?kind=phone&value=%2B31205551234`);
    assert.equal(withdrawn.status, 204);
    assert.deepEqual((await investigator.get<unknown[]>(decisions)).body, []);
  });
});
