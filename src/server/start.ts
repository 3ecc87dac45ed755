import type { FastifyInstance } from 'fastify';
import { configureAuditTrust, loadAuditTrust } from '../access/audit-trust.ts';
import { FieldCipher, loadDataKey } from '../access/secrets.ts';
import { allJobHandlers, allMigrations, scheduleAll } from '../capabilities.ts';
import { openStore, type Store } from '../store/connect.ts';
import { seedDemo } from '../store/demo.ts';
import { startJobWorker } from '../store/jobs.ts';
import { migrate } from '../store/migrate.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { jobConcurrency } from './jobs.ts';
import { metricsFor } from './metrics.ts';

export interface Running {
  app: FastifyInstance;
  store: Store;
  url: string;
  seeded: boolean;
}

/** Opens the database, migrates, seeds the demo world outside production, and listens. */
export async function startServer(
  config: Config,
  options: { logger?: boolean; store?: Store } = {},
): Promise<Running> {
  // The audit key first: not even the seed may write an entry under the wrong key.
  configureAuditTrust(loadAuditTrust(process.env, config.dataDir));
  const store =
    options.store ??
    (await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }));
  await migrate(store, await allMigrations());
  const seeded = config.production ? false : await seedDemo(store);
  const cipher = new FieldCipher(loadDataKey(process.env, config.databaseUrl ? null : config.dataDir));
  const app = await buildApp({ store, cipher, config }, { logger: options.logger });
  // Durable jobs (crawls, retention, long bootstraps, linking estimation rounds) run beside the requests and
  // survive restarts. Every process runs a worker: leases are renewed while a job runs and daily jobs are
  // singletons, so N processes on one PostgreSQL run each job once (test/api/jobs-two-processes.test.ts).
  // The handlers and periodic jobs come from the registry (src/capabilities.ts).
  await scheduleAll(store);
  const stopJobs = startJobWorker(store, allJobHandlers(), {
    intervalMs: 1000,
    concurrency: jobConcurrency(),
    onFinished: (job, outcome, ms) => metricsFor(store).jobFinished(job.kind, outcome, ms),
  });
  app.addHook('onClose', () => stopJobs());
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { app, store, url: `http://localhost:${port}`, seeded };
}
