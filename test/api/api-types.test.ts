import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/api-types.ts';

/** The web app's API types are generated from the OpenAPI document; a change of a schema needs `npm run api-types`. */
test('web/src/api-types.ts is what the OpenAPI document generates (run `npm run api-types`)', async () => {
  const committed = readFileSync(API_TYPES_FILE, 'utf8');
  const generated = await generateApiTypes();
  assert.ok(generated.includes("'/api/v1/crawler/investigations'"), 'the document has the crawler routes');
  assert.equal(committed, generated, 'web/src/api-types.ts is stale: run `npm run api-types`');
});
