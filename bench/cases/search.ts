/**
 * Case search latency on PostgreSQL (issue 15, item 5): `GET /api/v1/case-search` through the real HTTP server
 * (session, purpose, the grants inside the query, row-level security, the audit entry) for a user of a
 * partner organisation (KMar) that sees ~1% of the cases through accepted criminal-profile referrals, and for
 * the lead organisation's investigator who sees them all. Baseline in the same run, same database: the same
 * full-text query (title and persons, Dutch configuration, count + first page of 25) straight on the database
 * as the owner, with no grants, no RLS, no HTTP.
 *
 * The cases (each with two persons) are seeded with generate_series in the database, not via the API.
 *
 *   node --import tsx bench/cases/search.ts [--cases 100000] [--runs 200] [--pg postgres://…]
 */
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { parseArgs } from '../../src/cli/io.ts';
import type { Store } from '../../src/store/connect.ts';
import { loginAs, startTestServer } from '../../test/helpers/server.ts';

const { flags } = parseArgs(process.argv.slice(2));
const total = Number(flags.get('cases') ?? 100_000);
const runs = Number(flags.get('runs') ?? 200);
const pgUrl = String(
  flags.get('pg') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
);
process.env.DATABASE_URL = pgUrl;

const WORDS = [
  'nagelstudio',
  'uitzendbureau',
  'kwekerij',
  'massagesalon',
  'bouwplaats',
  'distributiecentrum',
  'restaurant',
  'schoonmaakbedrijf',
  'vakantiepark',
  'autowasstraat',
];

async function seed(store: Store) {
  const org = (name: string) =>
    store.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  const police = await org('Politie Eenheid Amsterdam');
  const kmar = await org('Koninklijke Marechaussee');
  const user = await store.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'rechercheur@politie-amsterdam.example')
    .executeTakeFirstOrThrow();
  const words = `ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}]`;
  const batch = 50_000;
  for (let from = 0; from < total; from += batch) {
    const to = Math.min(total, from + batch) - 1;
    await store.exec(`
      CREATE TEMP TABLE bench_ids AS SELECT i, gen_random_uuid() AS id FROM generate_series(${from}, ${to}) AS i;
      INSERT INTO cases (id, reference, title, summary, lead_org_id, owner_user_id, approaches, forms, created_at)
        SELECT id, 'BZ-' || i, 'Loods ' || (${words})[1 + i % 10] || ' ' || i,
          'Samenvatting ' || (${words})[1 + (i / 10) % 10], '${police.id}', '${user.id}',
          ARRAY['criminal'], ARRAY['labour'], now() - (i % 1000) * interval '1 hour'
        FROM bench_ids;
      INSERT INTO case_persons (case_id, role, given_names, surname)
        SELECT id, 'possible_victim', 'Naam' || (i % 5000), 'Achternaam' || (i % 20000) FROM bench_ids
        UNION ALL SELECT id, 'suspect', 'Dader' || (i % 3000), 'Verdachte' || (i % 9000) FROM bench_ids;
      -- ~1% shared with KMar under the criminal profile.
      INSERT INTO case_referrals (case_id, case_reference, from_org_id, to_org_id, created_by, profile, purpose,
          legal_basis, state, ends_on, decided_at)
        SELECT id, 'BZ-' || i, '${police.id}', '${kmar.id}', '${user.id}', 'criminal', 'criminal_investigation',
          'public_task', 'accepted', current_date + 30, now()
        FROM bench_ids WHERE i % 100 = 7;
      DROP TABLE bench_ids;`);
  }
  await store.exec('ANALYZE cases; ANALYZE case_persons; ANALYZE case_referrals;');
}

function percentiles(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p95: at(95), p99: at(99) };
}
const fmt = (f: { p50: number; p95: number; p99: number }) =>
  `p50 ${f.p50.toFixed(1).padStart(7)} ms  p95 ${f.p95.toFixed(1).padStart(7)} ms  p99 ${f.p99.toFixed(1).padStart(7)} ms`;

async function time(n: number, query: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(10, n); i++) await query(i);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await query(i);
    ms.push(performance.now() - start);
  }
  return percentiles(ms);
}

console.log(
  `bench/cases/search: ${total} cases on ${pgUrl.replace(/\/\/[^@]*@/, '//…@')}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
const server = await startTestServer();
try {
  const seedStart = performance.now();
  await seed(server.store);
  console.log(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const kmar = await loginAs(server, 'melder@kmar.example', 'criminal_investigation');
  const police = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
  const q = (i: number) => encodeURIComponent(i % 2 === 0 ? WORDS[i % 10] : `Achternaam${i % 20000}`);
  const check = await kmar.get<{ total: number }>(`/api/v1/case-search?q=nagelstudio`);
  const all = await police.get<{ total: number }>(`/api/v1/case-search?q=nagelstudio`);
  console.log(`"nagelstudio": KMar sees ${check.body.total}, the lead ${all.body.total} (of ${total} cases)`);

  console.log('measuring the baseline…');
  const baseline = await time(runs, async (i) => {
    const term = decodeURIComponent(q(i));
    const where = sql`(to_tsvector('dutch', c.reference || ' ' || c.title) @@ websearch_to_tsquery('dutch', ${term})
      OR EXISTS (SELECT 1 FROM case_persons p WHERE p.case_id = c.id AND to_tsvector('dutch',
        coalesce(p.given_names, '') || ' ' || coalesce(p.prefix, '') || ' ' || coalesce(p.surname, '') || ' ' || coalesce(p.alias, ''))
        @@ websearch_to_tsquery('dutch', ${term})))`;
    await sql`SELECT count(*) FROM cases c WHERE ${where}`.execute(server.store.db);
    await sql`SELECT c.id, c.title FROM cases c WHERE ${where} ORDER BY c.created_at DESC LIMIT 25`.execute(
      server.store.db,
    );
  });
  console.log(`baseline ${fmt(baseline)}; measuring the partner…`);
  const partner = await time(runs, async (i) => {
    const r = await kmar.get(`/api/v1/case-search?q=${q(i)}&sort=newest`);
    if (r.status !== 200) throw new Error(`search ${r.status}`);
  });
  console.log(`partner ${fmt(partner)}; measuring the lead…`);
  const lead = await time(runs, async (i) => {
    const r = await police.get(`/api/v1/case-search?q=${q(i)}&sort=newest`);
    if (r.status !== 200) throw new Error(`search ${r.status}`);
  });
  console.log(`baseline (owner, no grants, no HTTP)   ${fmt(baseline)}`);
  console.log(
    `partner KMar (~1% visible, HTTP)       ${fmt(partner)}  p95 ratio ${(partner.p95 / baseline.p95).toFixed(2)}×`,
  );
  console.log(
    `lead police (all visible, HTTP)        ${fmt(lead)}  p95 ratio ${(lead.p95 / baseline.p95).toFixed(2)}×`,
  );
  console.log(
    `load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; rerun: node --import tsx bench/cases/search.ts --cases ${total} --runs ${runs}`,
  );
} finally {
  await server.close();
}
