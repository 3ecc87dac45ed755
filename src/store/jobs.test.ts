import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { databaseLabel, openTestStore } from '../../test/helpers/store.ts';
import type { Store } from './connect.ts';
import { claimJob, completeJob, enqueueJob, renewLease, runDueJobs, startJobWorker } from './jobs.ts';

describe(`durable jobs on ${databaseLabel}`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore();
  });
  after(() => store.close());

  test('a job runs once and is marked done', async () => {
    const seen: unknown[] = [];
    await enqueueJob(store, 'test.echo', { n: 1 });
    const ran = await runDueJobs(store, { 'test.echo': async (job) => void seen.push(job.payload) });
    assert.equal(ran, 1);
    assert.deepEqual(seen, [{ n: 1 }]);
    assert.equal(await runDueJobs(store, { 'test.echo': async () => {} }), 0);
  });

  test('a failing job is retried later with its error kept, and fails for good after max attempts', async () => {
    const id = await enqueueJob(store, 'test.fail', {}, { maxAttempts: 2 });
    await runDueJobs(store, { 'test.fail': async () => Promise.reject(new Error('boom')) });
    let row = await store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'queued');
    assert.equal(row.last_error, 'boom');
    assert.ok(row.run_at > new Date(), 'backoff moves the job into the future');
    await store.db
      .updateTable('jobs')
      .set({ run_at: new Date(0) })
      .where('id', '=', id)
      .execute();
    await runDueJobs(store, { 'test.fail': async () => Promise.reject(new Error('boom again')) });
    row = await store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 2);
  });

  test('a job whose worker died is claimed again after its lease', async () => {
    const id = await enqueueJob(store, 'test.lease', {});
    const first = await claimJob(store, ['test.lease'], 60);
    assert.equal(first?.id, id);
    assert.equal(await claimJob(store, ['test.lease']), null, 'leased jobs are not handed out twice');
    await store.db
      .updateTable('jobs')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    const again = await claimJob(store, ['test.lease']);
    assert.equal(again?.id, id);
    assert.equal(again?.attempts, 2);
  });

  test('a worker that lost its lease can neither renew it nor complete the job', async () => {
    const id = await enqueueJob(store, 'test.stolen', {});
    assert.equal((await claimJob(store, ['test.stolen'], 60, 'slow'))?.id, id);
    assert.equal(await renewLease(store, id, 60, 'slow'), true, 'the holder renews its lease');
    await store.db
      .updateTable('jobs')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    assert.equal((await claimJob(store, ['test.stolen'], 60, 'fast'))?.id, id, 'taken over after the lease');
    assert.equal(await renewLease(store, id, 60, 'slow'), false);
    await completeJob(store, id, 'slow');
    const row = await store.db
      .selectFrom('jobs')
      .select(['status', 'locked_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'running', locked_by: 'fast' });
    await completeJob(store, id, 'fast');
  });

  test('a worker runs up to the concurrency of a kind at once, and one at a time for other kinds', async () => {
    let running = 0;
    let most = 0;
    let mostSolo = 0;
    let solo = 0;
    const slow = (counter: 'wide' | 'solo') => async () => {
      if (counter === 'wide') most = Math.max(most, ++running);
      else mostSolo = Math.max(mostSolo, ++solo);
      await new Promise((done) => setTimeout(done, 150));
      if (counter === 'wide') running--;
      else solo--;
    };
    for (let i = 0; i < 9; i++) await enqueueJob(store, 'test.wide', {});
    for (let i = 0; i < 3; i++) await enqueueJob(store, 'test.solo', {});
    const stop = startJobWorker(
      store,
      { 'test.wide': slow('wide'), 'test.solo': slow('solo') },
      { intervalMs: 20, concurrency: { 'test.wide': 3 } },
    );
    const open = async () =>
      (
        await store.db
          .selectFrom('jobs')
          .select('id')
          .where('kind', 'in', ['test.wide', 'test.solo'])
          .where('status', '!=', 'done')
          .execute()
      ).length;
    const deadline = Date.now() + 30_000;
    while ((await open()) > 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    await stop();
    assert.equal(await open(), 0);
    assert.equal(most, 3);
    assert.equal(mostSolo, 1);
  });

  test('jobs survive closing and reopening the database', async () => {
    const dir = `.tmp/jobs-${process.pid}`;
    if (process.env.DATABASE_URL) return; // a server keeps its data by nature; this checks the embedded files
    const { openStore } = await import('./connect.ts');
    const { migrate } = await import('./migrate.ts');
    const { allMigrations } = await import('../capabilities.ts');
    const { rmSync } = await import('node:fs');
    rmSync(dir, { recursive: true, force: true });
    const first = await openStore({ dataDir: dir });
    await migrate(first, await allMigrations());
    await enqueueJob(first, 'test.durable', { keep: true });
    await first.close();
    const second = await openStore({ dataDir: dir });
    try {
      const job = await claimJob(second, ['test.durable']);
      assert.deepEqual(job?.payload, { keep: true });
    } finally {
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
