/**
 * Whatever the list size, a person written the same way in two lists (or with one typo in the
 * family name) is linked at the default threshold, in clear text and PPRL alike: the model's
 * priors keep it from drifting on large lists or guessing on small ones.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateDutchLists } from './dutchPersons.ts';
import { linkPersons } from './link.ts';
import type { PersonInput } from './person.ts';
import { encodeList } from './pprl/encodeList.ts';
import { linkEncodedLists, parseEncodedList } from './pprl/linkLists.ts';

const secret = new TextEncoder().encode('exact-copies-secret-'.padEnd(40, 'x'));

/** List A: n persons; list B: copies of every second one (every tenth copy with a typo), then others. */
function lists(n: number) {
  const ds = generateDutchLists(n, { seed: 11 });
  const a = ds.a.map((r) => r.person);
  const inA = new Set(ds.a.map((r) => r.entity));
  const b: PersonInput[] = [];
  const copyOf = new Map<number, number>();
  for (let i = 0; i < n; i += 2) {
    const p = { ...a[i] };
    if (i % 20 === 0 && p.familyName && p.familyName.length > 4) {
      // One letter doubled: a typical near-exact typo.
      p.familyName = p.familyName.slice(0, 3) + p.familyName.slice(2);
    }
    copyOf.set(b.length, i);
    b.push(p);
  }
  for (const r of ds.b) if (!inA.has(r.entity) && b.length < n) b.push(r.person);
  return { a, b, copyOf };
}

function csv(persons: PersonInput[]): string {
  const q = (v: string | undefined) => `"${(v ?? '').replace(/"/g, '""')}"`;
  return [
    'given_name,prefix,family_name,date_of_birth,gender',
    ...persons.map((p) => [p.givenName, p.prefix, p.familyName, p.dateOfBirth, p.gender].map(q).join(',')),
  ].join('\n');
}

describe('exact and near-exact copies link at the default threshold at every list size', () => {
  for (const n of [100, 5_000, 50_000]) {
    const { a, b, copyOf } = lists(n);

    test(`clear text, ${n} records`, () => {
      const linked = new Map(linkPersons(a, b).links.map((l) => [l.b, l.a]));
      const missed = [...copyOf].filter(([j, i]) => linked.get(j) !== i).length;
      assert.equal(missed, 0, `${missed} of ${copyOf.size} copies not linked`);
    });

    test(`PPRL, ${n} records`, () => {
      const enc = (persons: PersonInput[], list: string) =>
        parseEncodedList(encodeList(csv(persons), secret, { list }).join('\n'), list);
      const outcome = linkEncodedLists([enc(a, 'a'), enc(b, 'b')]);
      const linked = new Map(outcome.qc.map((p) => [p.rowB - 1, p.rowA - 1]));
      const missed = [...copyOf].filter(([j, i]) => linked.get(j) !== i).length;
      assert.equal(missed, 0, `${missed} of ${copyOf.size} copies not linked`);
    });
  }
});
