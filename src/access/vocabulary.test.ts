import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { databaseLabel, openTestStore } from '../../test/helpers/store.ts';
import type { Store } from '../store/connect.ts';
import { ROLE_ORG_TYPES } from './role-grants.ts';
import { ORG_TYPES, ROLES } from './roles.ts';

/**
 * The vocabulary lives twice: in src/access/roles.ts and in the database's CHECK constraints. Every
 * organisation type and every role that fits it must be storable, and an unknown one refused.
 */
describe(`access vocabulary matches the database on ${databaseLabel}`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore();
  });
  after(() => store.close());

  test('every organisation type can be stored with every role that fits it', async () => {
    for (const [index, type] of ORG_TYPES.entries()) {
      const cbs = type === 'municipality' ? `GM${String(9000 + index)}` : null;
      const org = await sql<{ id: string }>`
        INSERT INTO organisations (name, type, cbs_code) VALUES (${`Vocab ${type}`}, ${type}, ${cbs}) RETURNING id`
        .execute(store.db)
        .then((r) => r.rows[0].id);
      const roles = ROLES.filter((role) => (ROLE_ORG_TYPES[role] as readonly string[]).includes(type));
      await sql`
        INSERT INTO users (org_id, email, name, password_hash, roles)
        VALUES (${org}, ${`vocab-${type}@example.nl`}, 'Vocab', 'x', ${sql.val(roles)}::text[])`.execute(
        store.db,
      );
    }
    const count = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM organisations WHERE name LIKE 'Vocab %'`
      .execute(store.db)
      .then((r) => r.rows[0].n);
    assert.equal(count, ORG_TYPES.length);
  });

  test('every role fits at least one organisation type', () => {
    for (const role of ROLES) assert.ok(ROLE_ORG_TYPES[role].length > 0, role);
  });

  test('an unknown organisation type and an unknown role are refused by the database', async () => {
    await assert.rejects(
      sql`INSERT INTO organisations (name, type) VALUES ('Vocab bogus', 'bogus')`.execute(store.db),
      /organisations_type_check/,
    );
    const org = await sql<{ id: string }>`SELECT id FROM organisations WHERE type = 'riec' LIMIT 1`
      .execute(store.db)
      .then((r) => r.rows[0].id);
    await assert.rejects(
      sql`INSERT INTO users (org_id, email, name, password_hash, roles)
          VALUES (${org}, 'vocab-bogus@example.nl', 'V', 'x', ARRAY['superuser']::text[])`.execute(store.db),
      /users_roles_check/,
    );
  });
});
