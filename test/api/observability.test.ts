import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enqueueJob } from '../../src/store/jobs.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

describe(`metrics, health and request ids on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('liveness and readiness', async () => {
    const live = await fetch(`${server.url}/health/live`);
    assert.equal(live.status, 200);
    const ready = await fetch(`${server.url}/health/ready`);
    assert.equal(ready.status, 200);
    assert.match(((await ready.json()) as { migration: string }).migration, /^\d{4}_/);
  });

  test('every answer carries a request id, an error answer names it, a proxy id is kept', async () => {
    // Anonymous: refused before routing (issue 10), and the refusal names its request id too.
    const missing = await fetch(`${server.url}/api/v1/nothing-here`);
    assert.equal(missing.status, 401);
    const id = missing.headers.get('x-request-id');
    assert.match(id ?? '', /^[0-9a-f-]{36}$/);
    const body = (await missing.json()) as { error: { requestId: string } };
    assert.equal(body.error.requestId, id);
    const refused = await fetch(`${server.url}/api/v1/signals`, { headers: { 'X-Request-Id': 'lb-1234' } });
    assert.equal(refused.headers.get('x-request-id'), 'lb-1234');
    const error = (await refused.json()) as { error: { requestId?: string } };
    assert.equal(error.error.requestId, 'lb-1234');
    const odd = await fetch(`${server.url}/health/live`, { headers: { 'X-Request-Id': 'x'.repeat(300) } });
    assert.notEqual(odd.headers.get('x-request-id'), 'x'.repeat(300), 'an unfit id is replaced');
  });

  test('/metrics: latency per route pattern, job queue depth and age, pool use', async () => {
    for (let i = 0; i < 3; i++) await fetch(`${server.url}/health/live`);
    await enqueueJob(server.store, 'test.metrics', {}, { runAt: new Date(Date.now() - 60_000) });
    const response = await fetch(`${server.url}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
    const text = await response.text();
    const count = text.match(
      /ketenplein_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} (\d+)/,
    );
    assert.ok(count && Number(count[1]) >= 3, 'three timed requests of the route');
    assert.match(text, /ketenplein_job_queue_depth\{kind="test\.metrics",status="queued"\} 1/);
    const age = text.match(/ketenplein_job_queue_oldest_due_seconds\{kind="test\.metrics"\} ([\d.]+)/);
    assert.ok(age && Number(age[1]) >= 59, 'the job has waited a minute');
    if (server.store.kind === 'postgres')
      assert.match(text, /ketenplein_db_pool_connections\{state="total"\} \d+/);
    assert.doesNotMatch(text, /nothing-here/, 'unmatched URLs do not become labels');
  });

  test('/metrics: audit append latency, one observation per append of the chain', async () => {
    const scrape = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const value = (pattern: RegExp) => Number(text.match(pattern)?.[1] ?? Number.NaN);
      return {
        text,
        appends: value(/^ketenplein_audit_append_duration_seconds_count (\d+)$/m),
        entries: value(/^ketenplein_audit_entries_total (\d+)$/m),
        chain: Number(
          (
            await server.store.db
              .selectFrom('audit_log')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      };
    };
    const before = await scrape();
    const admin = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
    const users = await admin.get<{ id: string }[]>('/api/v1/users');
    assert.equal(users.status, 200);
    assert.equal((await admin.get(`/api/v1/users/${users.body[0].id}`)).status, 200);
    const after = await scrape();
    // Every entry written to the chain meanwhile was counted, in appends the histogram timed.
    assert.equal(after.entries - before.entries, after.chain - before.chain);
    assert.ok(after.appends - before.appends >= 2, `appends: ${before.appends} -> ${after.appends}`);
    assert.match(after.text, /ketenplein_audit_append_duration_seconds_bucket\{le="0\.005"\} \d+/);
    assert.match(after.text, /ketenplein_audit_append_duration_seconds_sum [\d.e-]+/);
  });
});
