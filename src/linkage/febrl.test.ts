import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockingKeysOf, candidatePairs } from './blocking.ts';
import { FEBRL_DIR, loadFebrl, quality } from './febrl.ts';
import { linkPersons } from './link.ts';
import { preparePerson } from './person.ts';

const A = loadFebrl(`${FEBRL_DIR}/dataset4a.csv`);
const B = loadFebrl(`${FEBRL_DIR}/dataset4b.csv`);

test('FEBRL4 blocking keeps ≥ 99.8% of the true pairs with few candidates', () => {
  const pa = A.map((r) => blockingKeysOf(preparePerson(r.person, true)));
  const pb = B.map((r) => blockingKeysOf(preparePerson(r.person, true)));
  const pairs = candidatePairs(pa, pb);
  let kept = 0;
  for (let p = 0; p < pairs.a.length; p++) if (A[pairs.a[p]].entity === B[pairs.b[p]].entity) kept++;
  assert.ok(kept / 5000 >= 0.998, `kept ${kept / 5000}`);
  assert.ok(pairs.a.length < 25 * 5000, `candidates ${pairs.a.length}`);
});

test('FEBRL4 clear-text linkage: precision ≥ 0.999, recall ≥ 0.995, each link explained', () => {
  const result = linkPersons(
    A.map((r) => r.person),
    B.map((r) => r.person),
    { lenientDates: true },
  );
  const correct = result.links.filter((l) => A[l.a].entity === B[l.b].entity).length;
  const q = quality(result.links.length, correct, 5000);
  assert.ok(q.precision >= 0.999, `precision ${q.precision}`);
  assert.ok(q.recall >= 0.995, `recall ${q.recall}`);
  const reasons = result.explain(result.links[0]);
  assert.ok(reasons.length > 3 && reasons.every((r) => Number.isFinite(r.weight) && r.level));
});
