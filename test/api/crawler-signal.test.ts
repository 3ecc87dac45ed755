import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateAds } from '../../bench/crawler/generator.ts';
import { type RunningSite, startSite, syntheticAdapter } from '../../bench/crawler/site.ts';
import { executeCrawl } from '../../src/crawler/service.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Cluster = { id: string; ads: string[]; evidence: { kind: string; detail: string }[] };
type Ad = {
  id: string;
  url: string;
  text: string;
  phones: string[];
  city?: string;
  images: string[];
  assessment?: { indicators: { id: string; scored: boolean }[]; information: { id: string }[] };
};
type Result = { signal: { id: string; created: boolean }; cluster: string; ads: number };

/** An investigator hands an operator cluster to triage as a signal; only inside the mandate. */
describe(`crawler cluster to signal through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let site: RunningSite;
  let investigator: ApiClient;
  let investigationId = '';
  const generated = generateAds({ seed: 11, ads: 40 });
  before(async () => {
    server = await startTestServer();
    site = await startSite({ seed: 11, ads: generated, perPage: 20, crawlDelay: 0, traps: false });
    investigator = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    await investigator.post('/api/v1/crawler/adapters', { config: syntheticAdapter(site.baseUrl) });
    const mandate = await investigator.post<{ id: string }>('/api/v1/crawler/investigations', {
      caseRef: 'ON-2026-7',
      legalBasis: 'Wpg art. 9, bevel OvJ 2026-7',
      endsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      sites: ['synthetic-escort'],
    });
    investigationId = mandate.body.id;
    const crawl = await investigator.post<{ id: string }>('/api/v1/crawler/crawls', {
      investigationId: investigationId,
      site: 'synthetic-escort',
    });
    await executeCrawl(server.store, crawl.body.id, { fetcher: { minDelayMs: 0 } });
  });
  after(async () => {
    await site.close();
    await server.close();
  });

  test('a cluster becomes a scored signal in the triage queue, data-minimised and audited', async () => {
    const clusters = await investigator.get<{ clusters: Cluster[] }>(
      `/api/v1/crawler/investigations/${investigationId}/clusters`,
    );
    const cluster = clusters.body.clusters.sort((a, b) => b.ads.length - a.ads.length)[0];
    assert.ok(cluster.ads.length >= 2, 'an operator with several ads');
    const ads = await investigator.get<Ad[]>(`/api/v1/crawler/investigations/${investigationId}/ads`);
    const members = ads.body.filter((ad) => cluster.ads.includes(ad.id));

    const path = `/api/v1/crawler/investigations/${investigationId}/cluster-signals`;
    const made = await investigator.post<Result>(path, { clusterId: cluster.id });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.ads, cluster.ads.length);
    const again = await investigator.post<Result>(path, { clusterId: cluster.id });
    assert.equal(again.status, 200, 'the same cluster twice gives the first signal');
    assert.equal(again.body.signal.id, made.body.signal.id);

    const triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    const queue = await triage.get<{ id: string; score: number; channel: string }[]>(
      '/api/v1/signals?queue=triage',
    );
    const queued = queue.body.find((row) => row.id === made.body.signal.id);
    assert.ok(queued, 'in the triage queue');
    assert.equal(queued.channel, 'crawler');
    const view = await triage.get<{
      narrative: string;
      forms: string[];
      indicators: { code: string; remark?: string }[];
      score: number;
      persons: { phones: string[] }[];
      urls: { key: string }[];
      triage: { reasons: unknown[] };
      rulesetVersion: number;
    }>(`/api/v1/signals/${made.body.signal.id}`);
    assert.equal(view.status, 200);
    assert.deepEqual(view.body.forms, ['sexual']);
    assert.ok(view.body.rulesetVersion >= 1 && Array.isArray(view.body.triage.reasons));
    // The scored indicators of the ads travel as indicators with the facts that scored them, and
    // triage weighs them (they were only in the narrative before: indicators [] and score 10).
    const scored = new Map<string, number>();
    for (const ad of members)
      for (const hit of ad.assessment?.indicators ?? []) scored.set(hit.id, (scored.get(hit.id) ?? 0) + 1);
    assert.ok(scored.size > 0, 'the generated cluster has scored indicators');
    assert.deepEqual(
      view.body.indicators.map((i) => i.code).sort(),
      [...scored.keys()].map((id) => `web.${id}`).sort(),
    );
    for (const indicator of view.body.indicators) {
      const n = scored.get(indicator.code.slice(4));
      assert.match(indicator.remark ?? '', new RegExp(`^In ${n} van ${members.length} advertentie`));
    }
    const reasons = view.body.triage.reasons as { code: string; points: number }[];
    const indicatorPoints = reasons.find((r) => r.code === 'indicators.sexual')?.points ?? 0;
    assert.ok(indicatorPoints >= 10 * Math.min(scored.size, 6), JSON.stringify(reasons));
    assert.equal(
      queued.score,
      reasons.reduce((sum, r) => sum + r.points, 0),
    );
    const phones = [...new Set(members.flatMap((ad) => ad.phones))].sort();
    assert.deepEqual([...(view.body.persons[0]?.phones ?? [])].sort(), phones.slice(0, 20));
    assert.equal(view.body.urls.length, Math.min(20, members.length));
    for (const city of new Set(members.flatMap((ad) => (ad.city ? [ad.city] : [])))) {
      assert.ok(view.body.narrative.includes(city), `city ${city} in the narrative`);
    }
    // Data minimisation: no ad text, no HTML, no images in the signal.
    const text = JSON.stringify(view.body);
    for (const ad of members) {
      assert.ok(!text.includes(ad.text.slice(0, 60)), 'ad text copied into the signal');
      for (const image of ad.images) assert.ok(!text.includes(image), 'image URL copied into the signal');
    }
    assert.ok(!/<[a-z]+[\s>]/i.test(text), 'HTML in the signal');

    const audit = await server.store.db
      .selectFrom('audit_log')
      .select(['resource', 'action', 'reason'])
      .where('resource', 'in', ['crawl_ad', 'signal'])
      .where('action', 'in', ['export', 'create_from_crawler'])
      .execute();
    assert.ok(audit.some((e) => e.resource === 'crawl_ad' && e.reason === `signal ${made.body.signal.id}`));
    assert.ok(audit.some((e) => e.resource === 'signal' && e.action === 'create_from_crawler'));
    // The grant is for handing over clusters only: the general intake stays closed to this purpose.
    const direct = await investigator.post('/api/v1/signals', {
      forms: ['sexual'],
      narrative: 'Rechtstreeks.',
    });
    assert.equal(direct.status, 403);
  });

  test('refused outside the mandate, for other roles and other organisations', async () => {
    const clusters = await investigator.get<{ clusters: Cluster[] }>(
      `/api/v1/crawler/investigations/${investigationId}/clusters`,
    );
    const cluster = clusters.body.clusters[0];
    const path = `/api/v1/crawler/investigations/${investigationId}/cluster-signals`;
    const unknown = await investigator.post(path, { clusterId: 'cl-none' });
    assert.equal(unknown.status, 404);
    const triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    assert.equal((await triage.post(path, { clusterId: cluster.id })).status, 403);
    const intake = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'signal_intake');
    assert.equal((await intake.post(path, { clusterId: cluster.id })).status, 403);
    const other = await loginAs(server, 'inspecteur@inspectie-szw.example', 'criminal_investigation');
    assert.equal((await other.post(path, { clusterId: cluster.id })).status, 404);

    const before = await server.store.db.selectFrom('signals').select('id').execute();
    await investigator.post(`/api/v1/crawler/investigations/${investigationId}/close`);
    const closed = await investigator.post<{ error: { message: string } }>(path, { clusterId: cluster.id });
    assert.equal(closed.status, 403);
    assert.match(closed.body.error.message, /buiten het mandaat: het onderzoek is gesloten/);
    const after = await server.store.db.selectFrom('signals').select('id').execute();
    assert.equal(after.length, before.length, 'nothing written after a refusal');
  });
});
