/**
 * The estimate knows about linkage error: the correction of the overlap cells keeps every list's
 * total, moves the estimate the way missed links do (fewer overlaps → more unseen), and the
 * `--linkage` flags take `pprl link --json` output or two numbers, refusing bad input clearly.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CliIO } from '../cli/io.ts';
import { runCli } from '../cli/main.ts';
import { correctForLinkageError } from './linkage-error.ts';
import { makeTable } from './table.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = {
    lang: 'en',
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    interactive: false,
  };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'linkage-error-'));
const TABLE = join(dir, 'table.csv');
writeFileSync(
  TABLE,
  'A,B,C,count\n1,0,0,400\n0,1,0,300\n0,0,1,200\n1,1,0,60\n1,0,1,50\n0,1,1,40\n1,1,1,12\n',
);

test('the correction scales overlaps by (p/r)^(k-1) and keeps each list total', () => {
  const table = makeTable(
    ['A', 'B'],
    [
      { pattern: [1, 0], count: 100 },
      { pattern: [0, 1], count: 80 },
      { pattern: [1, 1], count: 40 },
    ],
  );
  const missed = correctForLinkageError(table, { precision: 1, recall: 0.8 });
  assert.equal(missed.counts[0b11], 50, '40 linked of 50 true overlaps');
  assert.equal(missed.counts[0b01] + missed.counts[0b11], 140, 'list A keeps its 140 records');
  assert.equal(missed.counts[0b10] + missed.counts[0b11], 120, 'list B keeps its 120 records');
  const same = correctForLinkageError(table, { precision: 0.9, recall: 0.9 });
  assert.deepEqual([...same.counts], [...table.counts]);
  const falseLinks = correctForLinkageError(table, { precision: 0.9, recall: 1 });
  assert.equal(falseLinks.counts[0b11], 36);
  // Small cells are not rounded back to what they were (0.99 / 0.95 of 6 is 6.25).
  const small = makeTable(
    ['A', 'B'],
    [
      { pattern: [1, 0], count: 40 },
      { pattern: [0, 1], count: 30 },
      { pattern: [1, 1], count: 6 },
    ],
  );
  assert.ok(
    Math.abs(correctForLinkageError(small, { precision: 0.99, recall: 0.95 }).counts[0b11] - 6.2526) < 1e-3,
  );
  // Three lists: a triple needs two links.
  const three = makeTable(
    ['A', 'B', 'C'],
    [
      { pattern: [1, 1, 1], count: 64 },
      { pattern: [1, 0, 0], count: 100 },
    ],
  );
  assert.equal(correctForLinkageError(three, { precision: 1, recall: 0.8 }).counts[0b111], 100);
});

test('estimate --linkage-precision/--linkage-recall reports the sensitivity range', async () => {
  const c = io();
  const code = await runCli(
    ['estimate', TABLE, '--model', '', '--linkage-precision', '0.99', '--linkage-recall', '0.9', '--json'],
    c.value,
  );
  assert.equal(code, 0, c.err());
  const r = JSON.parse(c.out());
  const s = r.linkageSensitivity;
  assert.deepEqual(s.linkage, { precision: 0.99, recall: 0.9 });
  // Missed links hid overlaps: corrected, the overlaps grow and the estimate falls.
  assert.ok(
    s.correctedEstimate.total < s.asLinked.total,
    `${s.correctedEstimate.total} < ${s.asLinked.total}`,
  );
  assert.equal(s.asLinked.total, r.estimate.total);
  assert.deepEqual(s.range.total, [s.correctedEstimate.total, s.asLinked.total]);
  assert.ok(s.range.interval[0] <= s.correctedEstimate.lower && s.range.interval[1] >= s.asLinked.upper);
  assert.ok(['linkage', 'sampling'].includes(s.dominates));
  const text = io();
  assert.equal(
    await runCli(
      ['estimate', TABLE, '--model', '', '--linkage-precision', '0.99', '--linkage-recall', '0.9'],
      text.value,
    ),
    0,
  );
  assert.match(text.out(), /Sensitivity to linkage error[\s\S]*Corrected for linkage error/);
});

test('estimate --linkage reads pprl link --json output', async () => {
  const file = join(dir, 'link.json');
  writeFileSync(
    file,
    JSON.stringify({
      lists: ['A', 'B', 'C'],
      table: [],
      clusters: 1,
      linkage: { precision: 0.98, recall: 0.95 },
    }),
  );
  const c = io();
  assert.equal(
    await runCli(['estimate', TABLE, '--model', '', '--linkage', file, '--json'], c.value),
    0,
    c.err(),
  );
  assert.deepEqual(JSON.parse(c.out()).linkageSensitivity.linkage, { precision: 0.98, recall: 0.95 });
});

test('bad --linkage input gets a clear error naming the flag', async () => {
  const noField = join(dir, 'nofield.json');
  writeFileSync(noField, '{"lists":["A","B"]}');
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"linkage":');
  const badRate = join(dir, 'badrate.json');
  writeFileSync(badRate, '{"linkage":{"precision":0,"recall":0.9}}');
  const cases: [string[], RegExp][] = [
    [
      ['--linkage-precision', '1.5', '--linkage-recall', '0.9'],
      /--linkage-precision 1\.5: must be a number greater than 0 and at most 1/,
    ],
    [['--linkage-precision', 'abc', '--linkage-recall', '0.9'], /--linkage-precision abc: not a number/],
    [['--linkage-recall', '0'], /--linkage-recall 0: must be|go together/],
    [['--linkage-precision', '0.9'], /--linkage-precision and --linkage-recall go together: give both/],
    [['--linkage', noField], /no field "linkage" \(make the file with pprl link --json\)/],
    [['--linkage', broken], /cannot be read as JSON/],
    [['--linkage', join(dir, 'missing.json')], /--linkage .*missing\.json: cannot be read/],
    [['--linkage', badRate], /linkage\.precision 0: must be a number greater than 0/],
    [['--linkage', badRate, '--linkage-recall', '0.9'], /exclude each other/],
    [
      ['--linkage-precision', '0.9', '--linkage-recall', '0.9', '--lists', 'A,B'],
      /--linkage works on a table, not with --lists/,
    ],
  ];
  for (const [flags, message] of cases) {
    const c = io();
    assert.equal(await runCli(['estimate', TABLE, ...flags], c.value), 2, flags.join(' '));
    assert.match(c.err(), message, flags.join(' '));
    assert.equal(c.out(), '', 'nothing printed besides the error');
  }
});

test('pprl link --json gives the estimated precision and recall that estimate --linkage takes', async () => {
  const secret = join(dir, 'secret.key');
  writeFileSync(secret, 'a'.repeat(64));
  const names = ['Fatima,Meijer', 'Omar,Benali', 'Joy,Okafor', 'Ana,Popescu', 'Hiwet,Haile', 'Piotr,Nowak'];
  const rows = (offset: number, yearShift: number) =>
    names
      .flatMap((name, i) =>
        Array.from({ length: 8 }, (_, k) => `${name},${1970 + i * 5 + k + yearShift}-0${1 + (k % 9)}-1${i}`),
      )
      .slice(offset, offset + 40);
  const files = ['a', 'b'].map((list, l) => {
    const csv = join(dir, `${list}.csv`);
    writeFileSync(csv, ['given_name,family_name,date_of_birth', ...rows(l * 8, 0)].join('\n'));
    return csv;
  });
  const encoded: string[] = [];
  for (const [l, csv] of files.entries()) {
    const c = io();
    assert.equal(
      await runCli(['pprl', 'encode', '--secret', secret, '--list', 'ab'[l], csv], c.value),
      0,
      c.err(),
    );
    const out = join(dir, `${'ab'[l]}.clk.jsonl`);
    writeFileSync(out, c.out());
    encoded.push(out);
  }
  const link = io();
  assert.equal(await runCli(['pprl', 'link', ...encoded, '--json'], link.value), 0, link.err());
  const json = JSON.parse(link.out());
  assert.equal(json.linkage.source, 'fitted-model');
  for (const key of ['precision', 'recall'])
    assert.ok(json.linkage[key] > 0.5 && json.linkage[key] <= 1, key);
  const linkFile = join(dir, 'ab.link.json');
  writeFileSync(linkFile, link.out());
  const table = join(dir, 'ab.csv');
  const csv = io();
  await runCli(['pprl', 'link', ...encoded], csv.value);
  writeFileSync(table, csv.out());
  const c = io();
  assert.equal(
    await runCli(['estimate', table, '--model', '', '--linkage', linkFile, '--json'], c.value),
    0,
    c.err(),
  );
  assert.ok(JSON.parse(c.out()).linkageSensitivity.range.total.length === 2);
});
