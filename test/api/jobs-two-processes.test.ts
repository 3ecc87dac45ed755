import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Store } from '../../src/store/connect.ts';
import { enqueueJob, startJobWorker } from '../../src/store/jobs.ts';
import { enqueueSingleton, schedulePeriodic } from '../../src/store/scheduler.ts';
import { databaseLabel, openTestStore } from '../helpers/store.ts';

const url = process.env.DATABASE_URL;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A job worker in its own Node process on the test's PostgreSQL schema. */
async function workerProcess(schema: string, workerId: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '..', 'helpers', 'job-worker-process.ts')],
    {
      env: { ...process.env, KP_SCHEMA: schema, KP_WORKER_ID: workerId },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  assert.match(line.toString(), /ready/);
  return child;
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

describe(`jobs on several workers on one ${databaseLabel}`, () => {
  let store: Store;
  const children: ChildProcess[] = [];
  let stopInProcess: (() => Promise<void>)[] = [];

  before(async () => {
    store = await openTestStore();
    await store.exec('CREATE TABLE test_job_runs (job_id bigint NOT NULL, worker text NOT NULL)');
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(stopInProcess.map((stop) => stop()));
    await store.close();
  });

  const completions = async () =>
    (
      await sql<{ job_id: string; worker: string }>`SELECT job_id::text, worker FROM test_job_runs`.execute(
        store.db,
      )
    ).rows;
  const openJobs = async () =>
    Number(
      (
        await store.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', 'in', ['queued', 'running'])
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('two workers share the jobs: each completes exactly once, none is lost, long jobs keep their lease', async () => {
    const workers = ['A', 'B'];
    if (url) {
      // Two real processes, as two servers behind a load balancer would be.
      for (const id of workers) children.push(await workerProcess(store.schema, id));
    } else {
      // PGlite serves one process: two workers with their own ids on the one store show the same protocol.
      stopInProcess = workers.map((workerId) =>
        startJobWorker(
          store,
          {
            'test.record': async (job) => {
              await sleep((job.payload as { ms: number }).ms);
              await sql`INSERT INTO test_job_runs (job_id, worker) VALUES (${job.id}, ${workerId})`.execute(
                store.db,
              );
            },
          },
          { intervalMs: 100, leaseSeconds: 2, workerId, concurrency: { 'test.record': 3 } },
        ),
      );
    }
    const ids: string[] = [];
    // Short jobs, and four that run longer than the 2-second lease: without heartbeats the other worker
    // would take those over and they would complete twice.
    for (let i = 0; i < 40; i++) ids.push(await enqueueJob(store, 'test.record', { ms: (i * 37) % 150 }));
    for (let i = 0; i < 4; i++) ids.push(await enqueueJob(store, 'test.record', { ms: 3500 }));
    await waitUntil('every job is done', async () => (await openJobs()) === 0);

    const rows = await completions();
    const perJob = new Map<string, number>();
    for (const row of rows) perJob.set(row.job_id, (perJob.get(row.job_id) ?? 0) + 1);
    assert.deepEqual([...perJob.keys()].sort(), [...ids].sort(), 'every job completed');
    assert.deepEqual(
      [...perJob].filter(([, n]) => n !== 1),
      [],
      'no job completed twice',
    );
    assert.deepEqual(new Set(rows.map((row) => row.worker)), new Set(workers), 'both workers took jobs');
    const failed = await store.db.selectFrom('jobs').select('id').where('status', '!=', 'done').execute();
    assert.deepEqual(failed, []);
  });

  test('a worker that dies mid-job loses nothing: the other takes the job over when the lease runs out', {
    skip: url ? false : 'PGlite serves one process; killing a process needs PostgreSQL',
  }, async () => {
    await store.exec('DELETE FROM test_job_runs');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await enqueueJob(store, 'test.record', { ms: 1500 }));
    await waitUntil('worker A holds a job', async () =>
      Boolean(
        await store.db
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', 'running')
          .where('locked_by', '=', 'A')
          .executeTakeFirst(),
      ),
    );
    children[0].kill('SIGKILL');
    await once(children[0], 'exit');
    await waitUntil('every job is done', async () => (await openJobs()) === 0);
    const rows = await completions();
    assert.deepEqual(rows.map((row) => row.job_id).sort(), [...ids].sort(), 'each job completed once');
    assert.ok(
      rows.every((row) => row.worker === 'B'),
      'the survivor completed them all',
    );
  });

  test('a daily job is queued once, however many processes schedule it at once', async () => {
    const daily = { kind: 'test.daily', everyMs: 86_400_000, run: async () => {} };
    await Promise.all([1, 2, 3, 4].map(() => schedulePeriodic(store, [daily])));
    assert.equal(
      await enqueueSingleton(store, 'test.daily', new Date()),
      false,
      'a second queued run is refused',
    );
    const queued = await store.db.selectFrom('jobs').select('id').where('kind', '=', 'test.daily').execute();
    assert.equal(queued.length, 1);
  });
});
