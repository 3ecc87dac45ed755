import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../cli/main.ts';
import { generateDutchLists } from '../dutchPersons.ts';
import { FEBRL_DIR, loadFebrl, quality } from '../febrl.ts';
import { encodeList } from './encodeList.ts';
import { HmacSha256, toHex } from './hmac.ts';
import { linkEncodedLists, parseEncodedList } from './linkLists.ts';

const dir = mkdtempSync(join(tmpdir(), 'pprl-'));
const secret = new TextEncoder().encode(`${'a'.repeat(24)}secret-for-tests-only`);
const FEBRL_EXTRA = ['street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'soc_sec_id'];

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    lang: 'en',
    interactive: false,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

test('pure-JS HMAC-SHA-256 equals node:crypto', () => {
  for (const [key, msg] of [
    ['k', 'ab'],
    ['x'.repeat(100), 'y'.repeat(130)],
    ['key', ''],
  ]) {
    assert.equal(toHex(new HmacSha256(key).bytes(msg)), createHmac('sha256', key).update(msg).digest('hex'));
  }
});

test('FEBRL4 PPRL: precision ≥ 0.999, recall ≥ 0.99; only counts come out', () => {
  const A = loadFebrl(`${FEBRL_DIR}/dataset4a.csv`);
  const B = loadFebrl(`${FEBRL_DIR}/dataset4b.csv`);
  const enc = (file: string, list: string) =>
    parseEncodedList(
      encodeList(readCsv(file), secret, { list, extraFields: FEBRL_EXTRA, lenientDates: true }).join('\n'),
      list,
    );
  const outcome = linkEncodedLists([enc('dataset4a.csv', 'a'), enc('dataset4b.csv', 'b')]);
  const correct = outcome.qc.filter((p) => A[p.rowA - 1].entity === B[p.rowB - 1].entity).length;
  const q = quality(outcome.qc.length, correct, 5000);
  assert.ok(q.precision >= 0.999, `precision ${q.precision}`);
  assert.ok(q.recall >= 0.99, `recall ${q.recall}`);
  const both = outcome.table.find((r) => r.pattern === '11')?.count ?? 0;
  assert.equal(both, outcome.qc.length);
  assert.equal(
    outcome.table.reduce((s, r) => s + r.count, 0),
    outcome.clusters,
  );
});

function readCsv(name: string): string {
  return readFileSync(`${FEBRL_DIR}/${name}`, 'utf8');
}

test('pprl CLI: three lists with strata give the estimate CSV and --json; bad input is refused', async () => {
  const key = join(dir, 'secret.key');
  writeFileSync(key, `${'f'.repeat(64)}\n`);
  const people = [
    'id,given_name,family_name,date_of_birth,year',
    '1,Jan,van der Berg,1990-02-03,2023',
    '2,Fatima,El Amrani,1985-07-21,2023',
    '3,Ştefan,Popescu,1979-11-30,2024',
    '4,Anna,de Vries,2001-01-15,2024',
  ];
  const lists: Record<string, string[]> = {
    a: people,
    b: [
      'id,given_name,prefix,surname,date_of_birth,year',
      '9,J.,vd,Berg,03-02-1990,2023',
      '8,Piet,,Jansen,19700101,2024',
    ],
    c: [
      'id, given_name, family_name, date_of_birth, year',
      '5, Stefan, Popescu, 30-11-1979, 2024',
      '6, Jan, Berg, 1990-02-03, 2023',
    ],
  };
  const files: string[] = [];
  for (const [name, rows] of Object.entries(lists)) {
    writeFileSync(join(dir, `${name}.csv`), rows.join('\n'));
    const r = await cli([
      'pprl',
      'encode',
      '--secret',
      key,
      '--list',
      name,
      '--strata',
      'year',
      join(dir, `${name}.csv`),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('Berg') && !r.stdout.includes('1990'), 'no clear text in the encoding');
    writeFileSync(join(dir, `${name}.clk.jsonl`), r.stdout);
    files.push(join(dir, `${name}.clk.jsonl`));
  }
  const csv = await cli(['pprl', 'link', ...files]);
  assert.equal(csv.code, 0, csv.stderr);
  // Exactly the estimate's table: one 0/1 column per list in the order given, then count.
  assert.equal(csv.stdout, 'a,b,c,count\n1,1,1,1\n1,0,1,1\n1,0,0,2\n0,1,0,1\n');
  const records = await cli(['pprl', 'link', ...files, '--records']);
  assert.equal(records.stdout, 'year,a,b,c\n2023,1,0,0\n2023,1,1,1\n2024,0,1,0\n2024,1,0,0\n2024,1,0,1\n');
  const json = JSON.parse((await cli(['pprl', 'link', ...files, '--json'])).stdout);
  assert.deepEqual(json.lists, ['a', 'b', 'c']);
  assert.equal(json.clusters, 5);
  assert.deepEqual(
    json.table.find((r: { pattern: string }) => r.pattern === '111'),
    { pattern: '111', count: 1, stratum: { year: '2023' } },
  );

  // Bad input: each refused with a message naming the problem.
  const bad = async (args: string[], pattern: RegExp) => {
    const r = await cli(args);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, pattern);
    assert.equal(r.stdout, '');
  };
  writeFileSync(join(dir, 'short.key'), 'short');
  await bad(
    ['pprl', 'encode', '--secret', join(dir, 'short.key'), '--list', 'a', join(dir, 'a.csv')],
    /at least 32/,
  );
  await bad(
    ['pprl', 'encode', '--secret', join(dir, 'none.key'), '--list', 'a', join(dir, 'a.csv')],
    /cannot read/,
  );
  writeFileSync(join(dir, 'nocol.csv'), 'id,given_name\n1,Jan');
  await bad(
    ['pprl', 'encode', '--secret', key, '--list', 'x', join(dir, 'nocol.csv')],
    /missing column.*family_name/,
  );
  writeFileSync(
    join(dir, 'baddate.csv'),
    'given_name,family_name,date_of_birth\nJan,Berg,1990-02-30\nPiet,Bos,morgen',
  );
  await bad(
    ['pprl', 'encode', '--secret', key, '--list', 'x', join(dir, 'baddate.csv')],
    /line 2, date_of_birth/,
  );
  writeFileSync(join(dir, 'empty.csv'), 'given_name,family_name,date_of_birth\n');
  await bad(['pprl', 'encode', '--secret', key, '--list', 'x', join(dir, 'empty.csv')], /empty/);
  await bad(['pprl', 'link', files[0], files[0]], /given twice/);
  writeFileSync(join(dir, 'other.key'), 'g'.repeat(64));
  const other = await cli([
    'pprl',
    'encode',
    '--secret',
    join(dir, 'other.key'),
    '--list',
    'd',
    '--strata',
    'year',
    join(dir, 'c.csv'),
  ]);
  writeFileSync(join(dir, 'd.clk.jsonl'), other.stdout);
  await bad(['pprl', 'link', files[0], join(dir, 'd.clk.jsonl')], /different secrets/);
  const xor = await cli([
    'pprl',
    'encode',
    '--secret',
    key,
    '--hardening',
    'xor-fold',
    '--list',
    'e',
    '--strata',
    'year',
    join(dir, 'c.csv'),
  ]);
  writeFileSync(join(dir, 'e.clk.jsonl'), xor.stdout);
  await bad(['pprl', 'link', files[0], join(dir, 'e.clk.jsonl')], /different settings/);
  const salted = await cli([
    'pprl',
    'encode',
    '--secret',
    key,
    '--salt',
    'round-2',
    '--list',
    'f',
    '--strata',
    'year',
    join(dir, 'c.csv'),
  ]);
  writeFileSync(join(dir, 'f.clk.jsonl'), salted.stdout);
  await bad(['pprl', 'link', files[0], join(dir, 'f.clk.jsonl')], /different settings/);
  await bad(['pprl', 'encode', '--secret', key, '--list', 'count', join(dir, 'a.csv')], /not "count"/);
  await bad(['pprl', 'link', ...files, '--qc'], /privacy officer/);
  const qc = await cli(['pprl', 'link', ...files, '--qc', '--role', 'privacy-officer']);
  assert.match(qc.stderr, /list_a,row_a,list_b,row_b,similarity/);
});

test('Dutch generated lists, PPRL on the issue columns only: a guard below the target (see README)', () => {
  const ds = generateDutchLists(3000, { seed: 5 });
  const csv = (records: typeof ds.a) =>
    [
      'given_name,prefix,family_name,date_of_birth,gender',
      ...records.map(({ person: p }) =>
        [p.givenName, p.prefix, p.familyName, p.dateOfBirth, p.gender].map((v) => `"${v ?? ''}"`).join(','),
      ),
    ].join('\n');
  const enc = (records: typeof ds.a, list: string) =>
    parseEncodedList(encodeList(csv(records), secret, { list }).join('\n'), list);
  const outcome = linkEncodedLists([enc(ds.a, 'a'), enc(ds.b, 'b')]);
  const correct = outcome.qc.filter((p) => ds.a[p.rowA - 1].entity === ds.b[p.rowB - 1].entity).length;
  const q = quality(outcome.qc.length, correct, ds.truePairs);
  assert.ok(q.precision >= 0.99, `precision ${q.precision}`);
  assert.ok(q.recall >= 0.97, `recall ${q.recall}`);
});
