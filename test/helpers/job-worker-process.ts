// A second (and third) process for test/api/jobs-two-processes.test.ts: a job worker on the PostgreSQL
// schema named in KP_SCHEMA, with the worker id KP_WORKER_ID. `test.record` jobs sleep `ms`, then record
// their completion; the test checks every job completes exactly once however the processes share them.
import { sql } from 'kysely';
import { openStore } from '../../src/store/connect.ts';
import { startJobWorker } from '../../src/store/jobs.ts';

const workerId = process.env.KP_WORKER_ID ?? 'worker';
const store = await openStore({
  databaseUrl: process.env.DATABASE_URL,
  schema: process.env.KP_SCHEMA,
  poolSize: 4,
});
const stop = startJobWorker(
  store,
  {
    'test.record': async (job) => {
      const { ms } = (typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload) as {
        ms: number;
      };
      await new Promise((done) => setTimeout(done, ms));
      await sql`INSERT INTO test_job_runs (job_id, worker) VALUES (${job.id}, ${workerId})`.execute(store.db);
    },
  },
  {
    intervalMs: 100,
    leaseSeconds: Number(process.env.KP_LEASE_SECONDS ?? 2),
    workerId,
    concurrency: { 'test.record': 3 },
  },
);
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await stop();
  await store.close();
  process.exit(0);
});
