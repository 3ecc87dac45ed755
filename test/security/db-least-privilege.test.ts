import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type AccessTx, withAccess } from '../../src/access/context.ts';
import { FieldCipher } from '../../src/access/secrets.ts';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { reportSignal } from '../../src/signals/submit.ts';
import type { Store } from '../../src/store/connect.ts';
import { actorOf, databaseLabel, openTestStore } from '../helpers/store.ts';

/**
 * Finding 10 of issue 10: least privilege in the database. Every attack runs SQL inside a request
 * transaction, as the request role, the way an injection in a request would.
 */
describe(`security: least privilege in the database on ${databaseLabel}`, () => {
  let store: Store;
  let ownOrg = '';
  let otherOrg = '';

  /** Tables that hold no personal data and need no row-level security (everything else must FORCE it). */
  const WITHOUT_PERSONAL_DATA = ['ketenplein_migrations'];
  /** The tables with personal data today; a new one must FORCE row-level security too (the test below). */
  const PERSONAL_DATA = [
    'users',
    'sessions',
    'audit_log',
    'jobs',
    'data_subject_requests',
    'signals',
    'signal_persons',
    'signal_companies',
    'signal_identifiers',
    'signal_transitions',
    'signal_links',
    'crawl_investigations',
    'crawl_snapshots',
    'crawl_frontier',
    'crawl_errors',
    'crawl_identifier_decisions',
    'estimation_round_lists',
    'estimation_round_encodings',
    // Cases (src/cases, migration 0200).
    'cases',
    'case_referrals',
    'case_signals',
    'case_persons',
    'case_companies',
    'case_addresses',
    'case_identifiers',
    'case_events',
    'case_tasks',
    'case_history',
    // Care (src/care, migration 0300).
    'care_clients',
    'care_consents',
    'care_safe_addresses',
    'placement_requests',
    'reflection_periods',
    'shelter_locations',
    'shelter_places',
    'wav_versions',
    'wav_entries',
    'visa_screenings',
    // Monitor (issue 17): who submitted a figure or a self-assessment; the counts themselves hold no person.
    'monitor_indicators',
    'monitor_figures',
    'monitor_closed_periods',
    'monitor_signal_facts',
    'monitor_snapshots',
    'municipal_assessments',
    // FIU-Nederland's suspicious transactions (issue 18, migration 0801).
    'fiu_batches',
    'fiu_transactions',
    'fiu_signals',
  ];

  function asIntake<T>(work: (tx: AccessTx) => Promise<T>): Promise<T> {
    return actorOf(store, 'melder@gemeente-amsterdam.example').then((actor) =>
      withAccess(store, { actor, purpose: 'signal_intake' }, work),
    );
  }
  async function count(tx: AccessTx, query: ReturnType<typeof sql<{ n: string }>>) {
    return Number((await query.execute(tx.db)).rows[0]?.n);
  }

  before(async () => {
    store = await openTestStore({ seed: true });
    ownOrg = (await actorOf(store, 'melder@gemeente-amsterdam.example')).orgId;
    const kmar = await actorOf(store, 'melder@kmar.example');
    otherOrg = kmar.orgId;
    // One signal of each organisation, reported the normal way.
    const cipher = new FieldCipher(randomBytes(32));
    for (const actor of [kmar, await actorOf(store, 'melder@gemeente-amsterdam.example')]) {
      await reportSignal(exampleSubmission(), {}, cipher, (work) =>
        withAccess(store, { actor, purpose: 'signal_intake' }, work),
      );
    }
    const other = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM signals WHERE reporter_org_id <> ${ownOrg}`.execute(store.db);
    assert.ok(Number(other.rows[0]?.n) > 0, 'the demo world has signals of other organisations');
  });
  after(() => store.close());

  test('turning chain scope on with set_config shows no signal of another organisation', async () => {
    const seen = await asIntake(async (tx) => {
      await sql`SELECT set_config('ketenplein.chain_scope', 'on', true)`.execute(tx.db);
      return count(
        tx,
        sql<{ n: string }>`SELECT count(*) AS n FROM signals WHERE reporter_org_id <> ${ownOrg}`,
      );
    });
    assert.equal(seen, 0);
  });

  test('forging the organisation with set_config shows none of its signals', async () => {
    const seen = await asIntake(async (tx) => {
      await sql`SELECT set_config('ketenplein.org_id', ${otherOrg}, true)`.execute(tx.db);
      return count(tx, sql<{ n: string }>`SELECT count(*) AS n FROM signals`);
    });
    assert.equal(seen, 0);
  });

  test('a forged scope with a copied signature from the same transaction does not verify', async () => {
    const seen = await asIntake(async (tx) => {
      const own = await count(tx, sql<{ n: string }>`SELECT count(*) AS n FROM signals`);
      assert.ok(own > 0, 'the own organisation sees its signals under a signed scope');
      // Keep the valid signature, change what it signs.
      await sql`SELECT set_config('ketenplein.org_id', ${otherOrg}, true), set_config('ketenplein.chain_scope', 'on', true)`.execute(
        tx.db,
      );
      return count(tx, sql<{ n: string }>`SELECT count(*) AS n FROM signals`);
    });
    assert.equal(seen, 0);
  });

  for (const column of ['password_hash', 'totp_secret']) {
    test(`selecting users.${column} is refused`, async () => {
      await assert.rejects(
        asIntake((tx) => sql`SELECT ${sql.ref(column)} FROM users`.execute(tx.db)),
        /permission denied/,
      );
    });
  }

  test('changing a password hash directly is refused', async () => {
    await assert.rejects(
      asIntake((tx) => sql`UPDATE users SET password_hash = 'x'`.execute(tx.db)),
      /permission denied/,
    );
  });

  test('the scope key is not readable', async () => {
    await assert.rejects(
      asIntake((tx) => sql`SELECT * FROM ketenplein_scope_key`.execute(tx.db)),
      /permission denied/,
    );
  });

  for (const [what, statement] of [
    ['updating audit_head', sql`UPDATE audit_head SET seq = 0`],
    ['deleting audit_head', sql`DELETE FROM audit_head`],
    ['reading audit_head', sql`SELECT * FROM audit_head`],
    ['updating audit_log', sql`UPDATE audit_log SET reason = 'rewritten'`],
    ['deleting audit_log', sql`DELETE FROM audit_log`],
    ['moving the audit head back', sql`SELECT ketenplein_audit_advance(1)`],
  ] as const) {
    test(`${what} is refused`, async () => {
      await assert.rejects(
        asIntake((tx) => statement.execute(tx.db)),
        /permission denied|append-only|can only advance/,
      );
    });
  }

  test('the request role and the login role own no table, function or schema', async () => {
    const owned = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
        WHERE r.rolname IN ('ketenplein_app', 'ketenplein_login')
      UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
        WHERE r.rolname IN ('ketenplein_app', 'ketenplein_login')
      UNION ALL SELECT n.nspname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner
        WHERE r.rolname IN ('ketenplein_app', 'ketenplein_login')`.execute(store.db);
    assert.deepEqual(owned.rows, []);
    const who = await asIntake(
      async (tx) =>
        (await sql<{ u: string; s: string }>`SELECT current_user AS u, session_user AS s`.execute(tx.db))
          .rows[0],
    );
    assert.equal(who?.u, 'ketenplein_app');
    // On PostgreSQL the request connections log in as ketenplein_login; PGlite has one (super)user.
    if (store.kind === 'postgres') assert.equal(who?.s, 'ketenplein_login');
  });

  test('on PostgreSQL, leaving the request role (RESET ROLE) leaves no privilege at all', async (t) => {
    if (store.kind !== 'postgres') {
      t.skip('PGlite has one user: SET ROLE is the boundary there (SECURITY.md)');
      return;
    }
    await assert.rejects(
      asIntake(async (tx) => {
        await sql`RESET ROLE`.execute(tx.db);
        return sql`SELECT count(*) FROM ${sql.table(`${store.schema}.signals`)}`.execute(tx.db);
      }),
      /permission denied for schema/,
    );
  });

  test('every table with personal data forces row-level security (a new one without it fails here)', async () => {
    const tables = await sql<{ name: string; rls: boolean; forced: boolean }>`
      SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
       ORDER BY c.relname`.execute(store.db);
    const names = tables.rows.map((row) => row.name);
    for (const table of PERSONAL_DATA) assert.ok(names.includes(table), `${table} exists`);
    const unforced = tables.rows
      .filter((row) => !(row.rls && row.forced) && !WITHOUT_PERSONAL_DATA.includes(row.name))
      .map((row) => row.name);
    assert.deepEqual(
      unforced,
      [],
      'tables without FORCE ROW LEVEL SECURITY (call ketenplein_harden in the migration)',
    );
  });

  test('policies evaluate the scope once per query, not once per row', async () => {
    const perRow = await sql<{ table: string; policy: string }>`
      SELECT tablename AS table, policyname AS policy FROM pg_policies
       WHERE schemaname = current_schema()
         AND (coalesce(qual, '') || ' ' || coalesce(with_check, '')) ~ '(?<!SELECT )ketenplein_(org|chain_scope|purpose)\\(\\)'`.execute(
      store.db,
    );
    assert.deepEqual(perRow.rows, []);
  });

  test('the own organisation still reads and writes under the signed scope', async () => {
    const own = await asIntake((tx) => count(tx, sql<{ n: string }>`SELECT count(*) AS n FROM signals`));
    const expected = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM signals WHERE reporter_org_id = ${ownOrg} OR routed_org_id = ${ownOrg}`.execute(
      store.db,
    );
    assert.ok(own > 0);
    assert.equal(own, Number(expected.rows[0]?.n));
  });
});
