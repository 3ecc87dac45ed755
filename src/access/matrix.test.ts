import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { accessMatrix } from './matrix.ts';

test('docs/access-matrix.md is the matrix of the current grants (run `npm run access-matrix` after changing them)', () => {
  const written = readFileSync(new URL('../../docs/access-matrix.md', import.meta.url), 'utf8');
  assert.equal(written, accessMatrix(), 'docs/access-matrix.md is stale: run `npm run access-matrix`');
});

test('the matrix names every role, the deny and the legal bases in Dutch', () => {
  const matrix = accessMatrix();
  assert.match(matrix, /## Privacyfunctionaris \(`privacy_officer`\)/);
  assert.match(matrix, /\*\*WEIGERING\*\* `read`/);
  assert.match(matrix, /meldingen doorgezet naar de eigen organisatie/);
});
