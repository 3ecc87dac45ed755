import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { syntheticAdapter } from '../../bench/crawler/site.ts';
import { parseAdapter } from '../../src/crawler/adapter.ts';
import { ExtractionTimeout, extractAdOffThread } from '../../src/crawler/extract-off-thread.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

/**
 * Finding 7 (rest): extraction of a crawled page runs on a worker thread with a time limit. A hostile
 * adapter selector on a hostile page (`:has` nested in `:has` over 2,000 nested elements takes minutes in
 * css-select) used to run on the event loop: nothing else, /health included, answered meanwhile.
 */
describe(`security: crawler extraction off the main thread on ${databaseLabel}`, () => {
  let server: TestServer;
  const hostilePage = `<html><body>${'<div><p>a</p>'.repeat(2000)}x${'</div>'.repeat(2000)}</body></html>`;
  const base = syntheticAdapter('http://127.0.0.1:8080');
  const hostileAdapter = parseAdapter({
    ...base,
    ad: { ...base.ad, fields: { ...base.ad.fields, price: 'div:has(div:has(span))' } },
  });

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('/health answers while a hostile extraction runs, and the extraction is cut off naming adapter and field', async () => {
    const limitMs = 3_000;
    // Start the worker first (loading it from source takes seconds on a busy machine): the limit is per page.
    await extractAdOffThread('<html></html>', 'http://127.0.0.1:8080/ad/warm', parseAdapter(base));
    const started = Date.now();
    const extraction = extractAdOffThread(
      hostilePage,
      'http://127.0.0.1:8080/ad/x',
      hostileAdapter,
      limitMs,
    ).then(
      () => null,
      (error: unknown) => error,
    );
    const latencies: number[] = [];
    let settled = false;
    void extraction.then(() => {
      settled = true;
    });
    while (!settled) {
      const asked = Date.now();
      const response = await fetch(`${server.url}/health`);
      assert.equal(response.status, 200);
      latencies.push(Date.now() - asked);
      await new Promise((done) => setTimeout(done, 100));
    }
    const error = await extraction;
    assert.ok(error instanceof ExtractionTimeout, `cut off, not ${String(error)}`);
    assert.equal(error.adapterId, 'synthetic-escort');
    assert.equal(error.field, 'ad.fields.price');
    assert.match(error.message, /adapter "synthetic-escort", field ad\.fields\.price/);
    assert.ok(Date.now() - started < limitMs + 2_000, 'stopped at the time limit');
    assert.ok(latencies.length >= 5, `/health answered ${latencies.length} times during the extraction`);
    assert.ok(Math.max(...latencies) < 1_000, `/health latencies ${latencies.join(', ')} ms`);
  });

  test('after a cut-off, the next page is extracted by a fresh worker', async () => {
    const page =
      '<html><body><h1 class="title">Nieuw</h1><div class="description">Bel 06-12345678</div></body></html>';
    const ad = await extractAdOffThread(page, 'http://127.0.0.1:8080/ad/y', parseAdapter(base));
    assert.equal(ad.title, 'Nieuw');
    assert.equal(ad.phones.length, 1);
  });
});
