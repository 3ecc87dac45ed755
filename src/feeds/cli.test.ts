import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CliIO } from '../cli/io.ts';
import { screenCommand } from './cli.ts';
import { WAV_CSV } from './fixtures.ts';

test('screen --json: one result per application, in input order, with register ids, scores and reasons', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'feeds-cli-'));
  const wav = join(dir, 'wav.csv');
  const apps = join(dir, 'applications.csv');
  writeFileSync(wav, WAV_CSV.replace(',article\n', '\n'));
  writeFileSync(
    apps,
    'id,referent_name,referent_kvk,street,house_number,postcode,city\n' +
      'A-2,Vries Bouwmaterialen VOF,,Industrieweg,4,1234AC,Utrecht\n' +
      'A-1,Bouwbedrijf De Vries B.V.,,Dorpsstraat,12,1234 AB,Utrecht\n' +
      'A-3,Onbekend Bedrijf,,,,,\n',
  );
  let out = '';
  const io: CliIO = { lang: 'en', stdout: (t) => (out += t), stderr: () => {}, interactive: false };
  const code = await screenCommand.run(['--register', wav, '--applications', apps, '--json'], io, {
    store: () => Promise.reject(new Error('no store needed')),
  });
  assert.equal(code, 0);
  const { results } = JSON.parse(out) as {
    results: {
      id: string;
      verdict: string;
      matches: { register_id: string; score: number; reasons: string[] }[];
    }[];
  };
  assert.deepEqual(
    results.map((r) => [r.id, r.verdict]),
    [
      ['A-2', 'none'],
      ['A-1', 'hit'],
      ['A-3', 'none'],
    ],
  );
  assert.equal(results[1].matches[0].register_id, 'WAV-1');
  assert.ok(results[1].matches[0].score >= 0.9);
  assert.ok(results[1].matches[0].reasons.length >= 2);
});

test('screen refuses a missing --register with a message', async () => {
  const io: CliIO = { lang: 'en', stdout: () => {}, stderr: () => {}, interactive: false };
  await assert.rejects(
    screenCommand.run(['--applications', 'x.csv'], io, { store: () => Promise.reject(new Error('no')) }),
    /--register <wav.csv> is missing/,
  );
});
