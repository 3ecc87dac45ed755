import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';

/**
 * Layering of the HTTP and CLI edges (issue 11): route handlers and the CLI speak to capabilities'
 * services, never to the database. A route file (src/server/routes/*, a capability's http.ts) and
 * src/cli may not import Kysely or the store (src/store) other than as a type, and a route file writes
 * no query. Run by `npm test` with the other tests.
 */

const ROOT = resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** Route files: the server's own routes and every capability's http.ts. */
export function isRouteFile(path: string): boolean {
  const rel = relative(ROOT, path).replaceAll('\\', '/');
  return rel.startsWith('src/server/routes/') || /^src\/.+\/http\.ts$/.test(rel);
}

const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\.db\./;
const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;

/** What is wrong with one file's source, as "file: reason" lines. */
export function layerViolations(path: string, source: string, kind: 'route' | 'cli'): string[] {
  const rel = relative(ROOT, path);
  const problems: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const typeOnly = Boolean(match[2]);
    const specifier = match[3];
    if (specifier === 'kysely' || specifier.startsWith('kysely/')) {
      if (!typeOnly) problems.push(`${rel}: imports kysely`);
      continue;
    }
    if (!specifier.startsWith('.')) continue;
    const target = relative(ROOT, resolve(dirname(path), specifier)).replaceAll('\\', '/');
    if (target.startsWith('src/store/') && !typeOnly) problems.push(`${rel}: imports ${target}`);
  }
  if (kind === 'route') {
    const lines = source.split('\n');
    lines.forEach((line, i) => {
      if (QUERY.test(line)) problems.push(`${rel}:${i + 1}: queries the database in a route handler`);
    });
  }
  return problems;
}

describe('route handlers and the CLI keep out of the database', () => {
  test('the check finds what it is meant to find', () => {
    const route = join(ROOT, 'src/signals/http.ts');
    assert.equal(layerViolations(route, "import { sql } from 'kysely';", 'route').length, 1);
    assert.equal(layerViolations(route, "import { enqueueJob } from '../store/jobs.ts';", 'route').length, 1);
    assert.equal(
      layerViolations(route, "import type { Store } from '../store/connect.ts';", 'route').length,
      0,
    );
    assert.equal(layerViolations(route, "import { listQueue } from './store/index.ts';", 'route').length, 0);
    assert.equal(layerViolations(route, "  await tx.db.selectFrom('signals').execute();", 'route').length, 1);
    const cli = join(ROOT, 'src/cli/main.ts');
    assert.equal(layerViolations(cli, "import { migrate } from '../store/migrate.ts';", 'cli').length, 1);
    assert.ok(isRouteFile(join(ROOT, 'src/estimate/app/http.ts')));
    assert.ok(isRouteFile(join(ROOT, 'src/server/routes/auth.ts')));
    assert.ok(!isRouteFile(join(ROOT, 'src/server/account.ts')));
  });

  test('no route file imports the store or Kysely, or writes a query', () => {
    const routes = filesUnder(join(ROOT, 'src')).filter(isRouteFile);
    assert.ok(routes.length >= 8, `found only ${routes.length} route files`);
    const problems = routes.flatMap((file) => layerViolations(file, readFileSync(file, 'utf8'), 'route'));
    assert.deepEqual(problems, []);
  });

  test('the CLI imports no store module or Kysely (types aside)', () => {
    const files = filesUnder(join(ROOT, 'src/cli'));
    const problems = files.flatMap((file) => layerViolations(file, readFileSync(file, 'utf8'), 'cli'));
    assert.deepEqual(problems, []);
  });
});
