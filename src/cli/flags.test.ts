import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { commands } from './commands.ts';
import { closest, parseFlags } from './flags.ts';
import { CliError, type CliIO } from './io.ts';
import { runCli } from './main.ts';

function capture(lang: 'nl' | 'en' = 'nl') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { lang, stdout: (t) => out.push(t), stderr: (t) => err.push(t), interactive: false };
  return { io, out, err };
}

test('parseFlags reads flags, values and positionals', () => {
  const nl = { lang: 'nl' as const };
  const spec = {
    flags: { model: 'string?', json: 'boolean', seed: 'int', select: ['bic', 'stepwise-csv'] },
  } as const;
  const parsed = parseFlags(
    ['table.csv', '--model', 'A:B', '--json', '--seed=3', '--select', 'bic'],
    spec,
    nl,
  );
  assert.deepEqual(parsed.positionals, ['table.csv']);
  assert.equal(parsed.flags.get('model'), 'A:B');
  assert.equal(parsed.flags.get('json'), true);
  assert.equal(parsed.flags.get('seed'), '3');
  assert.equal(parseFlags(['--model', '--json'], spec, nl).flags.get('model'), true);
  assert.equal(parseFlags(['--seed', '-4'], spec, nl).flags.get('seed'), '-4');
  assert.deepEqual(parseFlags(['--', '--json'], spec, nl).positionals, ['--json']);
  const refused = (args: string[]) => assert.throws(() => parseFlags(args, spec, nl), CliError);
  refused(['--json=yes']);
  refused(['--seed']);
  refused(['--seed', '1.5']);
  refused(['--json', '--json']);
  refused(['-j']);
  assert.throws(
    () => parseFlags(['a', 'b'], { flags: {}, maxPositionals: 1 }, nl),
    /onverwacht argument "b"/,
  );
});

test('the nearest known name is suggested only when it is near', () => {
  assert.equal(closest('selct', ['select', 'seed', 'ci']), 'select');
  assert.equal(closest('jsno', ['json', 'average']), 'json');
  assert.equal(closest('method', ['model', 'select', 'ci']), undefined);
});

/**
 * Every command and subcommand: an unknown flag and a bad value end with exit code 2 and a message naming
 * the flag (and the nearest known one). All fail before the database or any file is touched.
 */
const CASES: Record<string, [args: string[], message: RegExp][]> = {
  migrate: [[['--jsn'], /onbekende optie --jsn; dit commando kent geen opties/]],
  seed: [[['--force'], /onbekende optie --force/]],
  backup: [[['--uot', 'b.tar.gz'], /onbekende optie --uot; bedoelt u --out\?/]],
  restore: [[['a.dump', 'b.dump'], /onverwacht argument "b.dump"/]],
  audit: [[['verify', '--jsno'], /onbekende optie --jsno; bedoelt u --json\?/]],
  user: [
    [['create', '--emial', 'a@b.example'], /onbekende optie --emial; bedoelt u --email\?/],
    [['org', '--name', 'X', '--type', 'gemeente'], /--type gemeente: kies uit police_unit, .*municipality/],
  ],
  estimate: [
    [['table.csv', '--selct', 'bic'], /onbekende optie --selct; bedoelt u --select\?/],
    [['table.csv', '--methd', 'dga'], /onbekende optie --methd; bedoelt u --method\?/],
    [['table.csv', '--method', 'dag'], /--method dag: kies uit loglinear, dga, lcm, all/],
    [
      ['table.csv', '--select', 'bc'],
      /--select bc: kies uit stepwise-aic, stepwise-csv, bic \(bedoelt u bic\?\)/,
    ],
    [['table.csv', '--seed', 'x'], /--seed x: geen geheel getal/],
  ],
  pprl: [
    [['encode', '--lst', 'A', 'p.csv'], /onbekende optie --lst; bedoelt u --list\?/],
    [['encode', '--hardening', 'xor'], /--hardening xor: kies uit balance, xor-fold, none/],
    [['link', '--threshold', '0,8', 'a.jsonl'], /--threshold 0,8: geen getal \(gebruik een punt: 0\.8\)/],
    [
      ['link', '--target-precison', '0.99', 'a.jsonl'],
      /onbekende optie --target-precison; bedoelt u --target-precision\?/,
    ],
    [['link', '--target-precision', 'hoog', 'a.jsonl'], /--target-precision hoog: geen getal/],
    [['link', '--target-precision', '1', 'a.jsonl'], /--target-precision 1: moet tussen 0 en 1 liggen/],
  ],
  ads: [[['cluster', '--inptu', 'ads.jsonl'], /onbekende optie --inptu; bedoelt u --input\?/]],
  screen: [
    [['--regster', 'wav.csv'], /onbekende optie --regster; bedoelt u --register\?/],
    [['--register', 'wav.csv', 'extra.csv'], /onverwacht argument "extra.csv"/],
  ],
  crawl: [
    [['--investigaton', 'x', '--site', 'y'], /onbekende optie --investigaton; bedoelt u --investigation\?/],
    [['--investigation', 'x', '--max-pages', 'veel'], /--max-pages veel: geen geheel getal/],
    [['mandate', '--case_ref', 'ON-1'], /onbekende optie --case_ref; bedoelt u --case-ref\?/],
    [['adapter', '--fiel', 'a.json'], /onbekende optie --fiel; bedoelt u --file\?/],
  ],
  signals: [
    [['template', '--format', 'pdf'], /--format pdf: kies uit csv, xlsx/],
    [['template', '--uot', 'x.csv'], /bedoelt u --out\?/],
    [['check-import', 'a.csv', '--strict'], /onbekende optie --strict; dit commando kent geen opties/],
    [['score', 'a.json', '--rule', 'r.json'], /onbekende optie --rule; bedoelt u --rules\?/],
    [['indicators', '--json'], /onbekende optie --json/],
  ],
  privacy: [
    [['retention', '--month', '3'], /onbekende optie --month; bedoelt u --months\?/],
    [['retention', '--months', 'drie'], /--months: een heel aantal maanden \(1-600\), niet "drie"/],
  ],
};

describe('every command refuses unknown flags and bad values with exit code 2', () => {
  test('each registered command has cases here', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(commands).sort());
  });
  for (const [name, cases] of Object.entries(CASES)) {
    for (const [args, message] of cases) {
      test(`${name} ${args.join(' ')}`, async () => {
        const { io, err } = capture('nl');
        assert.equal(await runCli([name, ...args], io), 2);
        assert.match(err.join(''), message);
      });
    }
  }
  test('in English too', async () => {
    const { io, err } = capture('en');
    assert.equal(await runCli(['estimate', 'table.csv', '--selct', 'bic'], io), 2);
    assert.match(err.join(''), /unknown option --selct; did you mean --select\?/);
  });
});
