import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { databaseLabel, openTestStore } from '../../test/helpers/store.ts';
import type { Store } from '../store/connect.ts';
import type { Database } from '../store/schema.ts';
import { generateDutchLists } from './dutchPersons.ts';
import type { PersonInput } from './person.ts';
import { blockingKeys } from './persons.ts';
import { findCandidates, indexEntity, matchNewPerson } from './store.ts';

/** As the restricted role with RLS bound to one organisation, like withAccess does. */
async function asOrg<T>(store: Store, orgId: string, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('ketenplein.org_id', ${orgId}, true), set_config('role', 'ketenplein_app', true)`.execute(
      trx,
    );
    return work(trx);
  });
}

describe(`incremental linkage against indexed blocks on ${databaseLabel}`, () => {
  let store: Store;
  let orgA: string;
  let orgB: string;
  const persons = new Map<string, PersonInput>();
  const data = generateDutchLists(400, { seed: 11 });

  before(async () => {
    store = await openTestStore();
    const orgs = await store.db
      .insertInto('organisations')
      .values([
        { name: 'Politie test', type: 'police_unit', cbs_code: null, region: null },
        { name: 'Opvang test', type: 'shelter', cbs_code: null, region: null },
      ])
      .returning('id')
      .execute();
    [orgA, orgB] = orgs.map((o) => o.id);
    await asOrg(store, orgA, async (db) => {
      for (const [i, r] of data.a.entries()) {
        const id = `p${i}`;
        persons.set(id, r.person);
        await indexEntity(db, { orgId: orgA, type: 'person', id, keys: blockingKeys(r.person) });
      }
    });
  });
  after(() => store.close());

  test('a new registration finds its person through the index, loading only the candidates', async () => {
    const entity = data.b.find((r) => r.entity < 400)!;
    const loaded: string[] = [];
    const load = async (ids: string[]) => {
      loaded.push(...ids);
      return new Map(ids.map((id) => [id, persons.get(id)!]));
    };
    const matches = await asOrg(store, orgA, (db) => matchNewPerson(db, entity.person, load));
    assert.equal(matches[0]?.entityId, `p${entity.entity}`);
    assert.ok(matches[0].reasons.some((r) => r.comparison === 'date_of_birth'));
    assert.ok(loaded.length > 0 && loaded.length < 20, `compared with ${loaded.length} of 400, not all`);
  });

  test('the lookup uses the (entity_type, block_key) index', async () => {
    const keys = blockingKeys(data.a[0].person);
    await sql`ANALYZE linkage_blocks`.execute(store.db);
    const plan = await store.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      return sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT entity_id FROM linkage_blocks
        WHERE entity_type = 'person' AND block_key = ANY(${keys}::text[])`.execute(trx);
    });
    const text = plan.rows.map((r) => Object.values(r)[0]).join('\n');
    assert.match(text, /Index (Only )?Scan using linkage_blocks_key/);
    assert.match(text, /Index Cond: .*block_key = ANY/);
  });

  test('re-indexing replaces the keys; another organisation sees none of them', async () => {
    const keys = blockingKeys(data.a[1].person);
    await asOrg(store, orgA, (db) =>
      indexEntity(db, { orgId: orgA, type: 'person', id: 'p1', keys: keys.slice(0, 1) }),
    );
    const own = await asOrg(store, orgA, (db) => findCandidates(db, 'person', keys));
    assert.ok(own.some((c) => c.entityId === 'p1' && c.sharedKeys === 1));
    const other = await asOrg(store, orgB, (db) => findCandidates(db, 'person', keys));
    assert.deepEqual(other, []);
    await assert.rejects(
      asOrg(store, orgB, (db) =>
        indexEntity(db, { orgId: orgA, type: 'person', id: 'x', keys: ['ny:x:1990:a'] }),
      ),
      /row-level security|violates/,
    );
  });

  test('oversized blocks are skipped', async () => {
    await asOrg(store, orgA, async (db) => {
      for (let i = 0; i < 5; i++)
        await indexEntity(db, { orgId: orgA, type: 'identifier', id: `i${i}`, keys: ['phone:+31600000000'] });
    });
    const all = await asOrg(store, orgA, (db) => findCandidates(db, 'identifier', ['phone:+31600000000']));
    assert.equal(all.length, 5);
    const none = await asOrg(store, orgA, (db) =>
      findCandidates(db, 'identifier', ['phone:+31600000000'], { maxBlock: 4 }),
    );
    assert.deepEqual(none, []);
  });
});
