import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestStore } from '../../test/helpers/store.ts';
import type { CliIO } from '../cli/io.ts';
import { runCli } from '../cli/main.ts';
import type { Store } from '../store/connect.ts';

function captureIO(lang: 'nl' | 'en' = 'nl') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { lang, stdout: (t) => out.push(t), stderr: (t) => err.push(t), interactive: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('privacy CLI', () => {
  let store: Store;
  before(async () => {
    store = await openTestStore();
  });
  after(() => store.close());

  it('runs every capability’s retention and reports per capability how many records lost personal data', async () => {
    const run = captureIO();
    assert.equal(await runCli(['privacy', 'retention', '--months', '12'], run.io, store), 0);
    assert.match(
      run.out(),
      /Bewaartermijn \(12 maanden\) signals: persoonsgegevens van 0 records verwijderd/,
    );
    const json = captureIO();
    assert.equal(await runCli(['privacy', 'retention', '--json'], json.io, store), 0);
    assert.deepEqual(JSON.parse(json.out()), { months: null, removed: { signals: 0, cases: 0, care: 0 } });
  });

  it('names a bad --months value and a missing subcommand', async () => {
    const bad = captureIO('en');
    assert.notEqual(await runCli(['privacy', 'retention', '--months', 'zes'], bad.io, store), 0);
    assert.match(bad.err(), /--months: a whole number of months \(1-600\), not "zes"/);
    const none = captureIO('en');
    assert.notEqual(await runCli(['privacy'], none.io, store), 0);
    assert.match(none.err(), /usage: privacy retention/);
  });
});
