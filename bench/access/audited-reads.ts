/**
 * Authenticated, audited reads per second through the real HTTP server, on PGlite and on PostgreSQL.
 * Baseline in the same run: GET /health (HTTP plus one trivial query, no session, no audit).
 *
 *   node --import tsx bench/access/audited-reads.ts [--seconds 5] [--concurrency 8] [--pg postgres://…]
 */
import { parseArgs } from '../../src/cli/io.ts';
import { loginAs, startTestServer } from '../../test/helpers/server.ts';
import { formatLoad, measureLoad } from '../lib/load.ts';

const { flags } = parseArgs(process.argv.slice(2));
const seconds = Number(flags.get('seconds') ?? 5);
const concurrency = Number(flags.get('concurrency') ?? 8);
const pgUrl = String(
  flags.get('pg') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
);

async function benchOn(label: string, databaseUrl: string | undefined) {
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  const server = await startTestServer();
  try {
    const admin = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
    const target = (await admin.get<{ id: string }[]>('/api/v1/users')).body[0].id;
    const baseline = await measureLoad({
      seconds,
      concurrency,
      run: async () => (await fetch(`${server.url}/health`)).status,
    });
    const audited = await measureLoad({
      seconds,
      concurrency,
      run: async () => (await admin.get(`/api/v1/users/${target}`)).status,
    });
    const entries = await server.store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const fmt = formatLoad;
    console.log(`${label}`);
    console.log(`  baseline GET /health            ${fmt(baseline)}`);
    console.log(
      `  audited GET /api/v1/users/:id   ${fmt(audited)}  (ratio to baseline ${(audited.perSecond / baseline.perSecond).toFixed(2)})`,
    );
    console.log(`  audit entries written: ${entries.n}`);
  } finally {
    await server.close();
  }
}

console.log(
  `Audited reads, ${seconds}s per figure, ${concurrency} concurrent clients, one process (2-core machine)`,
);
await benchOn('PGlite (embedded)', undefined);
try {
  await benchOn('PostgreSQL', pgUrl);
} catch (error) {
  console.log(`PostgreSQL skipped: ${(error as Error).message}`);
}
console.log('\nRerun: node --import tsx bench/access/audited-reads.ts --seconds 5 --concurrency 8');
