/**
 * Signal intake and link suggestions through the real HTTP server, with many signals already stored,
 * on PGlite and on PostgreSQL. Baseline in the same run: GET /health (HTTP plus one trivial query).
 *
 *   node --import tsx bench/signals/intake.ts [--signals 1000000] [--seconds 5] [--concurrency 4]
 *        [--pg postgres://…] [--only pglite|postgres]
 *
 * Stored signals each have a phone number, a person from a pool of generated Dutch persons (linkage's
 * generator, ~5 signals per person at 1 million) and that person's real blocking keys. Intake posts new
 * signals, half of them sharing a stored phone number; link suggestions are asked for new signals whose
 * person is a noisy copy (typos, swapped parts, missing date) of a stored one.
 */
import { sql } from 'kysely';
import { parseArgs } from '../../src/cli/io.ts';
import { generateDutchLists, type PersonInput } from '../../src/linkage/index.ts';
import { personKeys } from '../../src/signals/store/person-links.ts';
import type { Store } from '../../src/store/connect.ts';
import { type ApiClient, loginAs, startTestServer } from '../../test/helpers/server.ts';
import { type LoadFigures, measureLoad } from '../lib/load.ts';

const { flags } = parseArgs(process.argv.slice(2));
const total = Number(flags.get('signals') ?? 100_000);
const seconds = Number(flags.get('seconds') ?? 5);
const concurrency = Number(flags.get('concurrency') ?? 4);
const only = flags.get('only');
const pgUrl = String(
  flags.get('pg') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
);
const poolSize = Math.max(1000, Math.min(200_000, Math.floor(total / 5)));

// Mobile numbers in ranges libphonenumber accepts: stored ones in +3161…, fresh ones in +3162….
const phoneOf = (i: number) => `+3161${String(10_000_000 + (i % 9_999_999)).slice(-7)}`;

/** Bulk-loads `total` signals with SQL, reusing a pool of generated persons and their blocking keys. */
async function preload(store: Store, pool: PersonInput[]): Promise<void> {
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
  await store.exec(
    'CREATE TABLE bench_pool (idx integer PRIMARY KEY, given text, surname text, dob date, keys text[])',
  );
  for (let at = 0; at < pool.length; at += 2000) {
    const rows = pool.slice(at, at + 2000).map((person, offset) => ({
      idx: at + offset,
      given: person.givenName ?? null,
      surname: [person.prefix, person.familyName].filter(Boolean).join(' ') || null,
      dob: person.dateOfBirth ?? null,
      keys: personKeys({
        givenNames: person.givenName,
        prefix: person.prefix,
        surname: person.familyName,
        dateOfBirth: person.dateOfBirth,
      }),
    }));
    await sql`INSERT INTO bench_pool SELECT * FROM json_populate_recordset(NULL::bench_pool, ${JSON.stringify(rows)}::json)`.execute(
      store.db,
    );
  }
  const batch = 100_000;
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
        SELECT b.id, 0, 'possible_victim', p.given, p.surname, p.dob, 'adult'
        FROM bench_ids b JOIN bench_pool p ON p.idx = b.i % ${pool.length};
      INSERT INTO signal_identifiers (signal_id, kind, value)
        SELECT id, 'phone', '+3161' || right((10000000 + i % 9999999)::text, 7) FROM bench_ids;
      INSERT INTO signal_identifiers (signal_id, kind, value)
        SELECT DISTINCT b.id, 'person_key', k
        FROM bench_ids b JOIN bench_pool p ON p.idx = b.i % ${pool.length}, unnest(p.keys) AS k;
      DROP TABLE bench_ids;`);
  }
  await store.exec(
    'DROP TABLE bench_pool; ANALYZE signals; ANALYZE signal_identifiers; ANALYZE signal_persons;',
  );
}

function submission(i: number, person: PersonInput, sharePhone: boolean) {
  return {
    forms: ['labour'],
    indicators: [{ code: 'ilo.excessive_overtime' }, { code: 'ilo.withholding_of_wages' }],
    narrative: `Benchmark-melding ${i}`,
    location: { municipality: 'GM0363' },
    persons: [
      {
        role: 'possible_victim',
        givenNames: person.givenName || undefined,
        prefix: person.prefix || undefined,
        surname: person.familyName || 'Onbekend',
        ...(person.dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(person.dateOfBirth)
          ? { dateOfBirth: person.dateOfBirth }
          : {}),
        phones: [sharePhone ? phoneOf((i * 7919) % total) : `+3162${String(10_000_000 + i).slice(-7)}`],
      },
    ],
  };
}

async function benchOn(label: string, databaseUrl: string | undefined) {
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  const server = await startTestServer();
  try {
    const data = generateDutchLists(poolSize, { seed: 11, overlap: 0.5 });
    const pool = data.a.map((record) => record.person);
    const byEntity = new Map(data.a.map((record) => [record.entity, record.person]));
    const noisy = data.b.filter((record) => byEntity.has(record.entity)).map((record) => record.person);
    const loadStart = performance.now();
    await preload(server.store, pool);
    const loadSeconds = (performance.now() - loadStart) / 1000;

    const reporter: ApiClient = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const triage: ApiClient = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    const baseline = await measureLoad({
      seconds,
      concurrency,
      expectedStatus: 200,
      run: async () => {
        const response = await fetch(`${server.url}/health`);
        if (response.status !== 200) console.error(await response.text());
        return response.status;
      },
    });
    const intake = await measureLoad({
      seconds,
      concurrency,
      expectedStatus: 201,
      run: async (i) => {
        const response = await reporter.post(
          '/api/v1/signals',
          submission(i, pool[(i * 31) % pool.length], i % 2 === 0),
        );
        if (response.status !== 201) console.error(JSON.stringify(response.body));
        return response.status;
      },
    });
    // New signals about noisy copies of stored persons, then their link suggestions.
    const probes: string[] = [];
    for (let i = 0; i < Math.min(300, noisy.length); i++) {
      const response = await reporter.post<{ id: string }>(
        '/api/v1/signals',
        submission(1_000_000 + i, noisy[i], false),
      );
      if (response.status !== 201)
        throw new Error(`probe intake failed: ${response.status} ${JSON.stringify(response.body)}`);
      probes.push(response.body.id);
    }
    let suggested = 0;
    const links = await measureLoad({
      seconds,
      concurrency,
      expectedStatus: 200,
      run: async (i) => {
        const response = await triage.get<{ kind: string }[]>(
          `/api/v1/signals/${probes[i % probes.length]}/links`,
        );
        if (response.status !== 200) console.error(JSON.stringify(response.body));
        if (i < probes.length) suggested += response.body.filter((link) => link.kind === 'person').length;
        return response.status;
      },
    });

    const fmt = (f: LoadFigures) =>
      `${f.perSecond.toFixed(0).padStart(5)}/s  p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms  (${f.requests} requests)`;
    console.log(
      `${label}: ${total.toLocaleString('en')} signals and persons stored (loaded in ${loadSeconds.toFixed(0)} s)`,
    );
    console.log(`  baseline GET /health                 ${fmt(baseline)}`);
    console.log(
      `  intake POST /api/v1/signals          ${fmt(intake)}  p99/baseline p99 ${(intake.p99 / baseline.p99).toFixed(1)}`,
    );
    console.log(
      `  link suggestions GET …/:id/links     ${fmt(links)}  p99/baseline p99 ${(links.p99 / baseline.p99).toFixed(1)}`,
    );
    console.log(
      `  person suggestions on first look: ${suggested} for ${Math.min(links.requests, probes.length)} noisy probes`,
    );
  } finally {
    await server.close();
  }
}

console.log(
  `Signals, ${seconds}s per figure, ${concurrency} concurrent clients, one process (2-core machine)`,
);
if (only !== 'postgres') await benchOn('PGlite (embedded)', undefined);
if (only !== 'pglite') {
  try {
    await benchOn('PostgreSQL', pgUrl);
  } catch (error) {
    console.log(`PostgreSQL skipped: ${(error as Error).message}`);
  }
}
console.log(
  `\nRerun: node --import tsx bench/signals/intake.ts --signals ${total} --seconds ${seconds} --concurrency ${concurrency}`,
);
