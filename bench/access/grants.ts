/**
 * The grants engine's cost at 1,000,000 signals on PostgreSQL (issue 11): audited reads per second and p99,
 * and signal intake p99, through the real HTTP server, each next to a baseline measured in the same run on
 * the same server and database:
 *
 * - BEFORE (no grants engine on the path): `GET /health` (HTTP + one trivial query, no session) and an
 *   authenticated but unaudited read, `GET /api/v1/signals/import/template` (session lookup, no decide(),
 *   no row-level security scope, no audit entry);
 * - AFTER (through the grants engine): `GET /api/v1/users/:id` (admin, purpose administration) and
 *   `GET /api/v1/signals/:id` (triage, chain-wide, one signal out of 1,000,000), each = decide() + the
 *   decision's `where` + RLS scope + field stripping + an audit entry in the hash chain; and intake,
 *   `POST /api/v1/signals` (decide() + writes + audit).
 * - In-process: decide() per call and compiling its `where` into SQL, against the request's p50, i.e. the
 *   share of a request the engine itself takes.
 *
 * The million signals (one person each) are seeded with generate_series in the database, not via the API.
 *
 *   node --import tsx bench/access/grants.ts [--signals 1000000] [--seconds 10] [--concurrency 4] [--pg postgres://…]
 */
import { loadavg } from 'node:os';
import { decide } from '../../src/access/policy.ts';
import { parseArgs } from '../../src/cli/io.ts';
import type { Store } from '../../src/store/connect.ts';
import { loginAs, startTestServer } from '../../test/helpers/server.ts';
import { type LoadFigures, measureLoad } from '../lib/load.ts';

const { flags } = parseArgs(process.argv.slice(2));
const total = Number(flags.get('signals') ?? 1_000_000);
const seconds = Number(flags.get('seconds') ?? 10);
const concurrency = Number(flags.get('concurrency') ?? 4);
const pgUrl = String(
  flags.get('pg') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
);

/** `total` signals of one reporting organisation, each with one person, in batches of 250,000 rows. */
async function seed(store: Store): Promise<void> {
  const org = await store.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Gemeente Amsterdam')
    .executeTakeFirstOrThrow();
  const user = await store.db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', org.id)
    .executeTakeFirstOrThrow();
  const batch = 250_000;
  for (let from = 0; from < total; from += batch) {
    const to = Math.min(total, from + batch) - 1;
    await store.exec(`
      CREATE TEMP TABLE bench_ids AS
        SELECT i, gen_random_uuid() AS id FROM generate_series(${from}, ${to}) AS i;
      INSERT INTO signals (id, reporter_org_id, reporter_user_id, payload_hash, channel, received_at, forms,
          narrative, score, priority, recommended_route, ruleset_version, state)
        SELECT id, '${org.id}', '${user.id}', md5(i::text), 'api', now() - (i % 1000) * interval '1 hour',
          ARRAY['labour'], 'bench', i % 100, (ARRAY['urgent','high','normal','low'])[1 + i % 4], 'riec', 1,
          (ARRAY['received','in_triage','routed','closed'])[1 + i % 4]
        FROM bench_ids;
      INSERT INTO signal_persons (signal_id, position, role, given_names, surname, date_of_birth, minor)
        SELECT id, 0, 'possible_victim', 'Naam' || (i % 5000), 'Achternaam' || (i % 20000),
          date '1970-01-01' + (i % 15000), 'adult'
        FROM bench_ids;
      DROP TABLE bench_ids;`);
  }
  await store.exec('ANALYZE signals; ANALYZE signal_persons;');
}

/** Mean microseconds of `run` over `n` calls (after a warm-up). */
function micros(n: number, run: () => void): number {
  for (let i = 0; i < 1000; i++) run();
  const start = performance.now();
  for (let i = 0; i < n; i++) run();
  return ((performance.now() - start) * 1000) / n;
}

const fmt = (f: LoadFigures) =>
  `${f.perSecond.toFixed(0).padStart(5)}/s  p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms  (${f.requests})`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

console.log(
  `Grants engine at ${total.toLocaleString('en')} signals on PostgreSQL: ${seconds}s per figure, ${concurrency} concurrent clients, one server process; load average ${load()}`,
);
process.env.DATABASE_URL = pgUrl;
const server = await startTestServer();
try {
  const seedStart = performance.now();
  await seed(server.store);
  const seeded = await server.store.db
    .selectFrom('signals')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `seeded ${Number(seeded.n).toLocaleString('en')} signals with a person each in ${((performance.now() - seedStart) / 1000).toFixed(0)} s (generate_series); load average ${load()}`,
  );

  const admin = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
  const triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
  const reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
  const userId = (await admin.get<{ id: string }[]>('/api/v1/users')).body[0].id;
  const signalIds = (
    await server.store.db
      .selectFrom('signals')
      .select('id')
      .where('narrative', '=', 'bench')
      .orderBy('payload_hash')
      .limit(1000)
      .execute()
  ).map((row) => row.id);

  const health = await measureLoad({
    seconds,
    concurrency,
    run: async () => (await fetch(`${server.url}/health`)).status,
  });
  const unaudited = await measureLoad({
    seconds,
    concurrency,
    run: async () => (await reporter.get('/api/v1/signals/import/template?format=csv')).status,
  });
  const auditBefore = await server.store.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirstOrThrow();
  const userRead = await measureLoad({
    seconds,
    concurrency,
    run: async () => (await admin.get(`/api/v1/users/${userId}`)).status,
  });
  const signalRead = await measureLoad({
    seconds,
    concurrency,
    run: async (i) => (await triage.get(`/api/v1/signals/${signalIds[i % signalIds.length]}`)).status,
  });
  const intake = await measureLoad({
    seconds,
    concurrency,
    expectedStatus: 201,
    run: async (i) =>
      (
        await reporter.post('/api/v1/signals', {
          forms: ['labour'],
          indicators: [{ code: 'ilo.excessive_overtime' }],
          narrative: `Grants-benchmark ${i}`,
          location: { municipality: 'GM0363' },
          persons: [
            {
              role: 'possible_victim',
              surname: `Bench${i}`,
              phones: [`+3162${String(10_000_000 + i).slice(-7)}`],
            },
          ],
        })
      ).status,
  });
  const audited = await server.store.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('seq', '>', String(auditBefore.seq ?? 0))
    .executeTakeFirstOrThrow();

  // The engine alone, in this process: what decide() and its `where` cost per request.
  const actor = {
    userId: 'u',
    orgId: '00000000-0000-0000-0000-000000000001',
    orgType: 'police_unit',
    roles: ['triage', 'intake'] as const,
  };
  const decideUs = micros(20_000, () => decide(actor, 'signal_assessment', 'signal', 'read'));
  const decision = decide(actor, 'signal_assessment', 'signal', 'read');
  const whereUs = micros(5_000, () => {
    server.store.db
      .selectFrom('signals')
      .select('id')
      .where((eb) => decision.where(eb))
      .compile();
  });

  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(`load average after the figures: ${load()}`);
  console.log('BEFORE (no grants engine on the path)');
  console.log(`  GET /health                                  ${fmt(health)}`);
  console.log(`  GET /api/v1/signals/import/template (session) ${fmt(unaudited)}`);
  console.log('AFTER (decide + where + RLS + audit entry)');
  console.log(`  GET /api/v1/users/:id (admin)                ${fmt(userRead)}`);
  console.log(`  GET /api/v1/signals/:id (triage, chain-wide)  ${fmt(signalRead)}`);
  console.log(`  POST /api/v1/signals (intake)                ${fmt(intake)}`);
  console.log(`  audit entries written by these: ${audited.n}`);
  console.log('RATIOS (after / before)');
  console.log(
    `  audited user read vs unaudited read: throughput ${ratio(userRead.perSecond, unaudited.perSecond)}, p99 ${ratio(userRead.p99, unaudited.p99)}`,
  );
  console.log(
    `  audited signal read vs unaudited read: throughput ${ratio(signalRead.perSecond, unaudited.perSecond)}, p99 ${ratio(signalRead.p99, unaudited.p99)}`,
  );
  console.log(`  intake p99 vs /health p99: ${ratio(intake.p99, health.p99)}`);
  console.log(
    `ENGINE in-process: decide() ${decideUs.toFixed(1)} µs, where → SQL ${whereUs.toFixed(1)} µs; share of an audited signal read's p50: ${(((decideUs + whereUs) / 1000 / signalRead.p50) * 100).toFixed(2)} %, of intake's p50: ${(((decideUs + whereUs) / 1000 / intake.p50) * 100).toFixed(2)} %`,
  );
} finally {
  await server.close();
}
console.log(
  `\nRerun: node --import tsx bench/access/grants.ts --signals ${total} --seconds ${seconds} --concurrency ${concurrency}`,
);
