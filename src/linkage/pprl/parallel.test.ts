import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateDutchLists } from '../dutchPersons.ts';
import { blockNumbers, ClkEncoder, defaultSettings } from './clk.ts';
import { encodeList } from './encodeList.ts';
import { linkEncodedLists, linkEncodedListsParallel, parseEncodedList } from './linkLists.ts';
import { matchLists } from './match.ts';
import { encodeParallel, matchParallel } from './parallel.ts';

test('worker threads encode and score exactly as the single-threaded path', async () => {
  const ds = generateDutchLists(1500, { seed: 21 });
  const secret = new TextEncoder().encode('parallel-secret-'.padEnd(40, 'x'));
  const settings = defaultSettings();
  const lists = await encodeParallel(
    [
      { name: 'a', persons: ds.a.map((r) => r.person) },
      { name: 'b', persons: ds.b.map((r) => r.person) },
    ],
    secret,
    settings,
    2,
  );
  const encoder = new ClkEncoder(secret, settings);
  ds.a.forEach((r, i) => {
    const serial = encoder.encode({ person: r.person });
    assert.deepEqual(lists[0].clks.slice(i * encoder.words, (i + 1) * encoder.words), serial.clk);
    assert.deepEqual(lists[0].blocks[i], blockNumbers(serial));
  });
  const options = { threshold: 0.8, maxBlock: 100 };
  const parallel = await matchParallel(lists, settings, options, 2);
  const serial = matchLists(lists, settings, options);
  assert.equal(parallel.candidatePairs, serial.candidatePairs);
  const key = (l: { i: number; j: number }) => `${l.i}-${l.j}`;
  assert.deepEqual(parallel.links.map(key).sort(), serial.links.map(key).sort());
  assert.ok(serial.links.length > ds.truePairs * 0.9, `${serial.links.length} links`);
});

test('the parallel link of encoded lists gives the same capture table', async () => {
  const ds = generateDutchLists(800, { seed: 22 });
  const secret = new TextEncoder().encode('parallel-secret-'.padEnd(40, 'x'));
  const csv = (records: typeof ds.a) =>
    [
      'given_name,prefix,family_name,date_of_birth',
      ...records.map(({ person: p }) =>
        [p.givenName, p.prefix, p.familyName, p.dateOfBirth].map((v) => `"${v ?? ''}"`).join(','),
      ),
    ].join('\n');
  const lists = [ds.a, ds.b].map((records, i) =>
    parseEncodedList(encodeList(csv(records), secret, { list: 'ab'[i] }).join('\n'), 'ab'[i]),
  );
  const parallel = await linkEncodedListsParallel(lists);
  assert.deepEqual(parallel.table, linkEncodedLists(lists).table);
  assert.ok((parallel.table.find((r) => r.pattern === '11')?.count ?? 0) > ds.truePairs * 0.9);
});
