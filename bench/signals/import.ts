/**
 * A bulk import through the real HTTP server while other users keep working, on PGlite and PostgreSQL:
 * import time, rows/s, the link and identifier rows it made, and p50/p99 of `/health` and of audited
 * reads (an administrator reading a user) sent meanwhile by closed-loop clients, plus the server's
 * event-loop delay p99 (server and bench share one process, as in production the server is alone).
 *
 *   node --import tsx bench/signals/import.ts [--rows 10000] [--share 0.5] [--numbers 20] [--seed 1]
 *        [--probes 2] [--only pglite|postgres] [--pg postgres://…]
 *
 * The file (`bench/signals/import-file.ts`): `--share` of the rows take their phone and KvK from a pool
 * of `--numbers` shared numbers, the rest have their own; persons have generated names and birth dates.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from '../../src/cli/io.ts';
import { loginAs, startTestServer } from '../../test/helpers/server.ts';
import { importFile } from './import-file.ts';

const { flags } = parseArgs(process.argv.slice(2));
const settings = {
  rows: Number(flags.get('rows') ?? 10_000),
  shareRate: Number(flags.get('share') ?? 0.5),
  sharedNumbers: Number(flags.get('numbers') ?? 20),
  seed: Number(flags.get('seed') ?? 1),
};
const probes = Number(flags.get('probes') ?? 2);
const only = flags.get('only');
const pgUrl = String(
  flags.get('pg') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
);

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : Number.NaN;
const summary = (latencies: number[], failures: number) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `${String(sorted.length).padStart(5)} requests  p50 ${percentile(sorted, 0.5).toFixed(1)} ms  p99 ${percentile(sorted, 0.99).toFixed(1)} ms  max ${(sorted.at(-1) ?? Number.NaN).toFixed(0)} ms${failures ? `  ${failures} failed` : ''}`;
};

async function benchOn(label: string, databaseUrl: string | undefined) {
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  const server = await startTestServer();
  try {
    const reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const admin = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
    const target = (await admin.get<{ id: string }[]>('/api/v1/users')).body[0].id;
    const count = async (table: 'signal_links' | 'signal_identifiers' | 'signals') =>
      Number(
        (
          await server.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const csv = importFile(settings);
    let done = false;
    const probe = async (run: () => Promise<number>, latencies: number[], failed: { n: number }) => {
      while (!done) {
        const start = performance.now();
        const status = await run().catch(() => 0);
        if (status === 200) latencies.push(performance.now() - start);
        else failed.n++;
      }
    };
    const health: number[] = [];
    const reads: number[] = [];
    const healthFailed = { n: 0 };
    const readsFailed = { n: 0 };
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const began = performance.now();
    const importing = reporter
      .request<{ imported: unknown[]; rejected: unknown[] }>(
        'POST',
        '/api/v1/signals/import?filename=bench.csv',
        csv,
        { 'content-type': 'text/csv' },
      )
      .finally(() => {
        done = true;
      });
    const probing = Promise.all([
      ...Array.from({ length: probes }, () =>
        probe(async () => (await fetch(`${server.url}/health`)).status, health, healthFailed),
      ),
      ...Array.from({ length: probes }, () =>
        probe(async () => (await admin.get(`/api/v1/users/${target}`)).status, reads, readsFailed),
      ),
    ]);
    const answer = await importing;
    const seconds = (performance.now() - began) / 1000;
    await probing;
    lag.disable();
    if (answer.status !== 201)
      throw new Error(`import answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const imported = answer.body.imported.length;
    console.log(label);
    console.log(
      `  import      ${imported} rows in ${seconds.toFixed(1)} s = ${(imported / seconds).toFixed(0)} rows/s (${answer.body.rejected.length} rejected)`,
    );
    console.log(
      `  stored      ${await count('signals')} signals, ${await count('signal_links')} signal_links, ${await count('signal_identifiers')} signal_identifiers`,
    );
    console.log(`  /health     ${summary(health, healthFailed.n)}`);
    console.log(`  audited     ${summary(reads, readsFailed.n)}`);
    console.log(
      `  event loop  delay p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms  max ${(lag.max / 1e6).toFixed(0)} ms`,
    );
  } finally {
    await server.close();
  }
}

console.log(
  `import bench: ${settings.rows} rows, share rate ${settings.shareRate}, ${settings.sharedNumbers} shared numbers, seed ${settings.seed}, ${probes}+${probes} probe clients, batch ${process.env.KETENPLEIN_IMPORT_BATCH_ROWS ?? 'default'}`,
);
if (only !== 'postgres') await benchOn('PGlite (embedded)', undefined);
if (only !== 'pglite') await benchOn(`PostgreSQL (${pgUrl.replace(/\/\/[^@]*@/, '//')})`, pgUrl);
