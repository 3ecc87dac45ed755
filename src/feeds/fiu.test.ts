import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCsvRecords } from './csv.ts';
import { detectFindings, validateTransactions } from './fiu.ts';
import { FIU_CSV, FIU_HEADER } from './fixtures.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

test('the fixture batch is valid and its indicators fire on the two hub accounts, with reasons', () => {
  const { valid, problems } = validateTransactions(readCsvRecords(FIU_CSV), NOW);
  assert.deepEqual(problems, []);
  assert.equal(valid.length, 14);
  const findings = detectFindings(valid);
  const byAccount = new Map(findings.map((f) => [f.account, f]));
  assert.deepEqual([...byAccount.keys()].sort(), ['NL91ABNA0417164300', 'NL93RABO0987654321']);
  const marius = byAccount.get('NL91ABNA0417164300');
  assert.deepEqual(
    marius?.reasons.map((r) => r.rule),
    ['wages_pooled', 'rent_transport_for_others'],
  );
  assert.match(
    marius?.reasons[0].label.nl ?? '',
    /^5 loonbetalingen \(totaal €\s7\.155,50\) van 3 werkgever/u,
  );
  assert.deepEqual(marius?.forms, ['labour']);
  const dana = byAccount.get('NL93RABO0987654321');
  assert.deepEqual(
    dana?.reasons.map((r) => r.indicator),
    ['web.third_party', 'om.5.alternating_locations'],
  );
  assert.match(dana?.reasons[1].label.en ?? '', /3 cash deposits .* in 3 different places/);
  assert.deepEqual(dana?.forms, ['sexual']);
  // The ordinary payment is in no finding.
  assert.ok(findings.every((f) => f.transactions.every((t) => t.reference !== 'T-14')));
});

test('bad rows: a problem per row and field (IBAN checksum and length, negative amount, unknown currency, future date)', () => {
  const csv = `${FIU_HEADER}
B-1,2026-10-02,transfer,100.00,EUR,x,,A B,NL91ABNA0417164301,,,C D,NL20INGB0001234567,,,bank,
B-2,2026-10-02,transfer,-50,EUR,x,,A B,NL91ABNA0417164300,,,C D,NL20INGB000123456,,,bank,
B-3,2027-01-02,transfer,100.00,EUX,x,,A B,NL91ABNA0417164300,,,C D,NL20INGB0001234567,,,kiosk,
B-4,2026-10-02,cash_deposit,100.00,EUR,,,,,,,C D,NL20INGB0001234567,,123,bank,
`;
  const { valid, problems } = validateTransactions(readCsvRecords(csv), NOW);
  assert.equal(valid.length, 0);
  assert.deepEqual(
    problems.map((p) => [p.line, p.column, p.code]),
    [
      [2, 'ordering_iban', 'iban_checksum'],
      [3, 'amount', 'negative_amount'],
      [3, 'beneficiary_iban', 'iban_length'],
      [4, 'date', 'future_date'],
      [4, 'currency', 'unknown_currency'],
      [4, 'institution_category', 'invalid_category'],
      [5, 'beneficiary_kvk', 'invalid_kvk'],
      [5, 'place', 'required'],
    ],
  );
  assert.match(problems[0].message.nl, /NL91ABNA0417164301 klopt niet \(controlegetal mod-97\)/);
});
