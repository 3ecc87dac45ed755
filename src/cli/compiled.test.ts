import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { appBuildIsCurrent, ensureAppBuild } from '../../scripts/build-app.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');

function ketenplein(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ketenplein.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, KETENPLEIN_LANG: 'en' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

before(async () => {
  await ensureAppBuild();
});

test('the compiled build is current after ensureAppBuild and holds every capability’s migrations', async () => {
  assert.equal(appBuildIsCurrent(), true);
  const { existsSync, readdirSync } = await import('node:fs');
  const folders = readdirSync(join(ROOT, 'src')).filter((name) =>
    existsSync(join(ROOT, 'src', name, 'migrations')),
  );
  assert.ok(folders.includes('store') && folders.includes('signals'), folders.join(', '));
  for (const folder of folders) {
    const sql = readdirSync(join(ROOT, 'dist', 'app', folder, 'migrations'));
    assert.deepEqual(sql, readdirSync(join(ROOT, 'src', folder, 'migrations')), folder);
  }
});

test('the compiled command line migrates a new database with every capability’s migrations', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'kp-compiled-'));
  try {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ketenplein.mjs'), 'migrate'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, KETENPLEIN_LANG: 'en', KETENPLEIN_DATA_DIR: dir, DATABASE_URL: '' },
    });
    assert.equal(result.status, 0, result.stderr);
    const { allMigrations } = await import('../capabilities.ts');
    const last = (await allMigrations())
      .map((migration) => migration.name)
      .sort()
      .at(-1);
    assert.match(result.stdout, new RegExp(`Database migrated to ${last}\\b`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm run ketenplein runs the compiled command line', () => {
  const help = ketenplein('--help');
  assert.equal(help.code, 0, help.err);
  assert.match(help.out, /Commands:/);
  assert.match(help.out, /estimate/);
  // A real command through the compiled code: an estimate from a small capture table.
  const estimate = ketenplein(
    'estimate',
    join(ROOT, 'test', 'data', 'mse', 'artificial_3lists.csv'),
    '--json',
  );
  assert.equal(estimate.code, 0, estimate.err);
  const body = JSON.parse(estimate.out) as { estimate?: unknown };
  assert.equal(typeof body.estimate, 'object');
});
