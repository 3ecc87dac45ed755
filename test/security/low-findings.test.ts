import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csvCell } from '../../src/domain/csv-cell.ts';
import { type IndicatorTable, tableCsv } from '../../src/monitor/service.ts';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; message: string; field?: string } };

/** The Low findings of issue 10 that are closed: each gave a 500 or told too much. */
describe(`security: low findings on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a NUL byte in a text field is a 400 naming the field, not a 500, and nothing is stored', async () => {
    const reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const submission = exampleSubmission();
    submission.narrative = 'begin\u0000einde';
    const before = await server.store.db.selectFrom('signals').select('id').execute();
    const response = await reporter.post<ErrorBody>('/api/v1/signals', submission);
    assert.equal(response.status, 400, JSON.stringify(response.body));
    assert.equal(response.body.error.field, 'narrative');
    const nested = exampleSubmission();
    nested.persons = [{ role: 'possible_victim', givenNames: 'Ştefan', surname: 'Pope\u0000scu' }];
    const deep = await reporter.post<ErrorBody>('/api/v1/signals', nested);
    assert.equal(deep.status, 400);
    assert.equal(deep.body.error.field, 'persons.0.surname');
    const afterwards = await server.store.db.selectFrom('signals').select('id').execute();
    assert.equal(afterwards.length, before.length);
  });

  test('an audit page before a number beyond any sequence is a 400, not a 500', async () => {
    const officer = await loginAs(server, 'privacy@politie-amsterdam.example', 'audit_control');
    const response = await officer.get<ErrorBody>('/api/v1/audit?before=99999999999999999999999999');
    assert.equal(response.status, 400);
    assert.equal(response.body.error.field, 'before');
    assert.equal((await officer.get('/api/v1/audit?before=999999999999999999')).status, 200);
  });

  test('CSV cells that a spreadsheet would run as a formula are neutralised; numbers stay numbers', () => {
    assert.equal(csvCell('=HYPERLINK("http://x","klik")'), '"\'=HYPERLINK(""http://x"",""klik"")"');
    assert.equal(csvCell('+31 6 1234'), "'+31 6 1234");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('-x'), "'-x");
    assert.equal(csvCell(-3), '-3');
    assert.equal(csvCell('Amsterdam'), 'Amsterdam');
  });

  test('the monitor table export neutralises formula cells too (it quoted them, which a spreadsheet still runs)', () => {
    const cell = (place: string, value: number) => ({ dimensions: { place }, value, suppressed: false });
    const table = {
      cells: [cell('=HYPERLINK("http://x","klik")', 12), cell('@SUM(A1)', 15)],
      totals: [],
      rule: { description: { nl: 'regel', en: 'rule' } },
    } as unknown as IndicatorTable;
    const lines = tableCsv(table).split('\n');
    assert.equal(lines[1], `"'=HYPERLINK(""http://x"",""klik"")",12,false`);
    assert.equal(lines[2], "'@SUM(A1),15,false");
  });
});
