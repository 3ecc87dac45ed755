import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliIO } from '../cli/io.ts';
import { runCli } from '../cli/main.ts';
import { exampleSubmission } from './fixtures.ts';

function captureIO(lang: 'nl' | 'en' = 'nl') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { lang, stdout: (t) => out.push(t), stderr: (t) => err.push(t), interactive: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('signals CLI', () => {
  it('prints the CSV template and checks it as a valid import', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signals-cli-'));
    const template = captureIO();
    assert.equal(await runCli(['signals', 'template'], template.io), 0);
    const file = join(dir, 'sjabloon.csv');
    await writeFile(file, template.out());
    const check = captureIO();
    assert.equal(await runCli(['signals', 'check-import', file], check.io), 0);
    assert.match(check.out(), /1 regels, 1 goed, 0 met fouten/);
  });

  it('lists bad rows and exits non-zero', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signals-cli-'));
    const file = join(dir, 'fout.csv');
    await writeFile(file, 'vormen;omschrijving;bedrijf_naam;bedrijf_kvk\nlabour;x;BV;12\n');
    const check = captureIO('en');
    assert.equal(await runCli(['signals', 'check-import', file], check.io), 1);
    assert.match(check.out(), /line 2, bedrijf_kvk: KvK number must consist of 8 digits \[kvk_format\]/);
  });

  it('names the file problem for an empty file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signals-cli-'));
    const file = join(dir, 'leeg.csv');
    await writeFile(file, '');
    const check = captureIO();
    assert.equal(await runCli(['signals', 'check-import', file], check.io), 2);
    assert.match(check.err(), /leeg\.csv: Het bestand is leeg \[empty_file\]/);
  });

  it('scores a signal with reasons', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signals-cli-'));
    const file = join(dir, 'melding.json');
    await writeFile(file, JSON.stringify(exampleSubmission()));
    const score = captureIO();
    assert.equal(await runCli(['signals', 'score', file], score.io), 0);
    assert.match(score.out(), /minderjarige betrokken \+40/);
    assert.match(score.out(), /route: Politie – AVIM/);
  });
});
