import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { databaseLabel, openTestStore } from '../../test/helpers/store.ts';
import { allMigrations } from '../capabilities.ts';
import type { Store } from './connect.ts';
import { currentMigration, type Migration, MigrationError, migrate, splitSql } from './migrate.ts';

describe(`migrations on ${databaseLabel}`, () => {
  let store: Store;
  let migrations: Migration[];
  before(async () => {
    store = await openTestStore({ migrate: false });
    migrations = await allMigrations();
  });
  after(() => store.close());

  test('apply from empty, then are idempotent', async () => {
    const first = await migrate(store, migrations);
    assert.deepEqual(
      first.applied,
      migrations.map((m) => m.name),
    );
    const second = await migrate(store, migrations);
    assert.deepEqual(second.applied, []);
    assert.equal(await currentMigration(store), migrations.at(-1)?.name);
  });

  test('refuse a database newer than the code', async () => {
    await store.db
      .insertInto('ketenplein_migrations')
      .values({ name: '9999_from_the_future', checksum: 'x' })
      .execute();
    await assert.rejects(
      () => migrate(store, migrations),
      (error: Error) => {
        assert.ok(error instanceof MigrationError);
        assert.match(error.message, /9999_from_the_future/);
        assert.match(error.message, /newer than this code/);
        return true;
      },
    );
    await store.db.deleteFrom('ketenplein_migrations').where('name', '=', '9999_from_the_future').execute();
  });

  test('refuse a migration changed after it was applied', async () => {
    const changed = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await assert.rejects(() => migrate(store, changed), /was changed after it was applied/);
  });

  test('a failing migration leaves nothing behind', async () => {
    const broken = [
      ...migrations,
      {
        name: '9998_broken',
        checksum: 'b',
        script: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
      },
    ];
    await assert.rejects(() => migrate(store, broken), /9998_broken/);
    const tables = await store.db
      .selectFrom('information_schema.tables' as never)
      .select('table_name' as never)
      .where('table_name' as never, '=', 'half_done' as never)
      .execute();
    assert.equal(tables.length, 0);
    assert.equal(await currentMigration(store), migrations.at(-1)?.name);
  });
});

test('splitSql keeps dollar-quoted bodies, strings and comments intact', () => {
  const parts = splitSql(`-- a comment; with semicolon
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
INSERT INTO t VALUES ('a;b', 'it''s');
DO $x$ BEGIN PERFORM 1; END $x$`);
  assert.equal(parts.length, 3);
  assert.match(parts[0], /SELECT 1; \$\$$/);
  assert.equal(parts[1], "INSERT INTO t VALUES ('a;b', 'it''s')");
  assert.match(parts[2], /^DO \$x\$/);
});
