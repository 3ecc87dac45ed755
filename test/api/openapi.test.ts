import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { FieldCipher } from '../../src/access/secrets.ts';
import { buildApp, registeredRoutes } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Store } from '../../src/store/connect.ts';
import { openTestStore } from '../helpers/store.ts';

/**
 * Every route says what it answers: a zod response schema for its success status (and the shared error
 * shape), so the OpenAPI document is complete and the web app's types (web/src/api-types.ts) cover it.
 */
describe('every route has a response schema', () => {
  let store: Store;
  let app: Awaited<ReturnType<typeof buildApp>>;
  before(async () => {
    store = await openTestStore();
    app = await buildApp({ store, cipher: new FieldCipher(randomBytes(32)), config: loadConfig({}) });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await store.close();
  });

  test('each registered API route names its success answer and the error shape', () => {
    const routes = registeredRoutes(app);
    assert.ok(routes.length > 40, `only ${routes.length} routes seen`);
    const missing = routes.filter((route) => !route.responses.some((code) => /^2\d\d$/.test(code)));
    assert.deepEqual(
      missing.map((route) => `${route.method} ${route.url}`),
      [],
      'routes without a response schema for their success status',
    );
    const withoutErrors = routes.filter((route) => !route.responses.includes('4xx'));
    assert.deepEqual(
      withoutErrors.map((route) => `${route.method} ${route.url}`),
      [],
      'routes without the error shape',
    );
  });

  test('the OpenAPI document describes every answer of every operation', () => {
    const doc = app.swagger() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    };
    const problems: string[] = [];
    for (const route of registeredRoutes(app)) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      // A prefix's own route ('/') is registered with and without the trailing slash; the document has one.
      const alternative = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
      const method = route.method.toLowerCase();
      const operation = doc.paths[path]?.[method] ?? doc.paths[alternative]?.[method];
      if (!operation) {
        problems.push(`${route.method} ${route.url}: not in the document`);
        continue;
      }
      const success = Object.entries(operation.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
      if (success.length === 0) problems.push(`${route.method} ${route.url}: no success response`);
      for (const [code, response] of success) {
        if (code !== '204' && !response.content)
          problems.push(`${route.method} ${route.url}: ${code} without a body`);
      }
      if (!operation.responses?.['4XX'] && !operation.responses?.['4xx'])
        problems.push(`${route.method} ${route.url}: no error response`);
    }
    assert.deepEqual(problems, []);
  });

  test('no request or answer schema names a database column (snake_case keys)', () => {
    const doc = app.swagger() as {
      paths: Record<string, Record<string, { responses?: unknown; requestBody?: unknown }>>;
    };
    const snake: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) {
        for (const item of node) walk(item, where);
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      if (properties) {
        for (const key of Object.keys(properties)) if (/_/.test(key)) snake.push(`${where}: ${key}`);
      }
      for (const value of Object.values(node)) walk(value, where);
    };
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        walk(operation.responses, `${method.toUpperCase()} ${path}`);
        walk(operation.requestBody, `${method.toUpperCase()} ${path} (body)`);
      }
    }
    assert.deepEqual(snake, []);
  });
});
