import { readFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { parse } from 'csv-parse/sync';
import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, type CliIO, say } from '../cli/io.ts';
import type { NPrior } from './bayes/dga.ts';
import { METHODS, type Method } from './bayes/types.ts';
import {
  EstimateInputError,
  type EstimateOptions,
  type EstimateResult,
  estimate,
  estimateStrata,
  type IntervalMethod,
  parseTableCsv,
  type RecordValue,
  type SelectionMethod,
  tablesFromRecords,
  trendAcrossYears,
} from './index.ts';
import { formatLinkageSensitivity, linkageErrorFromFlags, linkageSensitivity } from './linkage-error.ts';
import { formatReport, formatStrataReport } from './report.ts';

const USAGE = `estimate <table.csv> [--model "A:B,B:C"] [--select stepwise-aic|stepwise-csv|bic] [--max-order N]
         [--pthresh 0.02] [--ci wald|profile|bootstrap|none] [--level 0.95] [--bootstrap 1000] [--seed 1]
         [--average] [--json] [--linkage <link.json> | --linkage-precision P --linkage-recall R]
estimate <table.csv> --method dga [--delta D] [--n-prior reciprocal|uniform] [--level 0.95] [--json]
estimate <table.csv> --method lcm [--K 10] [--burnin 50000] [--samples 10000] [--thin 100] [--seed 1]
         [--chains 2] [--json]
estimate <table.csv> --method all [the options of all three]
estimate <records.csv> --lists I,K,O [--by year] [same options]

  Tabel: één 0/1-kolom per lijst en een kolom "count". / Table: one 0/1 column per list and a "count" column.
  Zonder --model en --select: stepwise-csv. --model "" = alleen hoofdeffecten. / Without --model and --select:
  stepwise-csv. --model "" = main effects only.
  Met --lists: één record per persoon, per stratum (--by) een schatting en de trend over jaren.
  With --lists: one record per person, an estimate per stratum (--by) and the trend over years.
  --method: loglinear (standaard/default), dga (modelmiddeling over decomposeerbare grafen / model averaging over
  decomposable graphs), lcm (latente klassen / latent classes), all (alle drie naast elkaar / all three side by side).
  --linkage: de precisie en recall van de koppeling (uit pprl link --json) en hoeveel de schatting
  daardoor kan verschuiven. / The linkage's precision and recall (from pprl link --json) and how far
  the estimate could move under that error.`;

const SELECTIONS: readonly SelectionMethod[] = ['stepwise-aic', 'stepwise-csv', 'bic'];
const INTERVALS: readonly IntervalMethod[] = ['wald', 'profile', 'bootstrap', 'none'];
const N_PRIORS = ['reciprocal', 'uniform'] as const;

function flag(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  if (v === true) throw new CliError(`--${name}: waarde ontbreekt / value missing`);
  return v;
}

function numberFlag(
  flags: Map<string, string | true>,
  name: string,
  check: (n: number) => boolean,
  rule: string,
): number | undefined {
  const raw = flag(flags, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new CliError(`--${name} ${raw}: ${rule}`);
  return n;
}

export function optionsFromFlags(flags: Map<string, string | true>, io: CliIO): EstimateOptions {
  const select = flag(flags, 'select');
  if (select !== undefined && !SELECTIONS.includes(select as SelectionMethod))
    throw new CliError(`--select ${select}: ${say(io, 'kies uit', 'choose from')} ${SELECTIONS.join(', ')}`);
  const ci = flag(flags, 'ci');
  if (ci !== undefined && !INTERVALS.includes(ci as IntervalMethod))
    throw new CliError(`--ci ${ci}: ${say(io, 'kies uit', 'choose from')} ${INTERVALS.join(', ')}`);
  const model = flags.get('model');
  const options: EstimateOptions = {
    model: model === true || model === 'main' ? '' : model,
    select: (select as SelectionMethod | undefined) ?? (model === undefined ? 'stepwise-csv' : undefined),
    maxOrder: numberFlag(
      flags,
      'max-order',
      (n) => Number.isInteger(n) && n >= 1,
      say(io, 'geheel getal ≥ 1', 'integer ≥ 1'),
    ),
    pthresh: numberFlag(
      flags,
      'pthresh',
      (n) => n >= 0 && n <= 1,
      say(io, 'tussen 0 en 1', 'between 0 and 1'),
    ),
    ci: (ci as IntervalMethod | undefined) ?? 'profile',
    level: numberFlag(flags, 'level', (n) => n > 0 && n < 1, say(io, 'tussen 0 en 1', 'between 0 and 1')),
    bootstrap: numberFlag(
      flags,
      'bootstrap',
      (n) => Number.isInteger(n) && n >= 10,
      say(io, 'geheel getal ≥ 10', 'integer ≥ 10'),
    ),
    seed: numberFlag(flags, 'seed', Number.isSafeInteger, say(io, 'geheel getal', 'integer')),
    average: flags.has('average'),
    lang: io.lang,
    ...bayesFlags(flags, io),
  };
  if (flags.has('bootstrap') && !flags.has('ci')) options.ci = 'bootstrap';
  return options;
}

function bayesFlags(flags: Map<string, string | true>, io: CliIO): Partial<EstimateOptions> {
  const method = flag(flags, 'method');
  if (method !== undefined && !METHODS.includes(method as Method))
    throw new CliError(`--method ${method}: ${say(io, 'kies uit', 'choose from')} ${METHODS.join(', ')}`);
  const nPrior = flag(flags, 'n-prior');
  if (nPrior !== undefined && !N_PRIORS.includes(nPrior as NPrior))
    throw new CliError(`--n-prior ${nPrior}: ${say(io, 'kies uit', 'choose from')} ${N_PRIORS.join(', ')}`);
  const whole = (min: number) => (n: number) => Number.isInteger(n) && n >= min;
  const wholeRule = (min: number) => say(io, `geheel getal ≥ ${min}`, `integer ≥ ${min}`);
  return {
    method: method as Method | undefined,
    nPrior: nPrior as NPrior | undefined,
    delta: numberFlag(flags, 'delta', (n) => n > 0, say(io, 'getal > 0', 'number > 0')),
    K: numberFlag(flags, 'K', (n) => whole(1)(n) && n <= 100, say(io, 'geheel getal 1–100', 'integer 1–100')),
    burnin: numberFlag(flags, 'burnin', whole(0), wholeRule(0)),
    samples: numberFlag(flags, 'samples', whole(10), wholeRule(10)),
    thin: numberFlag(flags, 'thin', whole(1), wholeRule(1)),
    chains: numberFlag(
      flags,
      'chains',
      (n) => whole(1)(n) && n <= 16,
      say(io, 'geheel getal 1–16', 'integer 1–16'),
    ),
  };
}

function withProgress(options: EstimateOptions, io: CliIO): { options: EstimateOptions; stop: () => void } {
  const sampling = options.method === 'lcm' || (options.method === 'all' && options.ci !== 'bootstrap');
  if (!io.interactive || (options.ci !== 'bootstrap' && !sampling)) return { options, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${sampling ? say(io, 'Steekproef', 'Sampling') : 'Bootstrap'} [{bar}] {value}/{total} {percentage}% ETA {eta}s`,
    hideCursor: true,
  });
  let started = false;
  return {
    options: {
      ...options,
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags(
    args,
    {
      flags: {
        model: 'string?',
        select: SELECTIONS,
        ci: INTERVALS,
        'max-order': 'int',
        pthresh: 'number',
        level: 'number',
        bootstrap: 'int',
        seed: 'int',
        average: 'boolean',
        json: 'boolean',
        lists: 'string',
        by: 'string',
        method: METHODS,
        'n-prior': N_PRIORS,
        delta: 'number',
        K: 'int',
        burnin: 'int',
        samples: 'int',
        thin: 'int',
        chains: 'int',
        linkage: 'string',
        'linkage-precision': 'number',
        'linkage-recall': 'number',
      },
    },
    io,
  );
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new CliError(USAGE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`);
  }
  const base = optionsFromFlags(flags, io);
  const linkage = linkageErrorFromFlags(flags, io);
  if (linkage && flags.has('lists'))
    throw new CliError(
      say(
        io,
        '--linkage werkt op een tabel, niet met --lists',
        '--linkage works on a table, not with --lists',
      ),
    );
  const { options, stop } = withProgress(base, io);
  try {
    const lists = flag(flags, 'lists');
    if (lists !== undefined) {
      const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<
        Record<string, RecordValue>
      >;
      const by = flag(flags, 'by');
      const { strata, skipped } = tablesFromRecords(records, {
        lists: lists.split(',').map((s) => s.trim()),
        strata: by ? by.split(',').map((s) => s.trim()) : [],
      });
      const results = await estimateStrata(strata, options);
      const trend = by === 'year' ? trendAcrossYears(results, 'year', options.level) : null;
      if (flags.has('json')) io.stdout(`${JSON.stringify({ strata: results, trend, skipped }, null, 2)}\n`);
      else io.stdout(formatStrataReport(results, trend, skipped, io.lang));
      return results.every((r) => r.result.status === 0) ? 0 : 1;
    }
    const table = parseTableCsv(text);
    const result: EstimateResult = await estimate(table, options);
    // Linkage error (--linkage, --linkage-precision/--linkage-recall): see linkage-error.ts.
    const sensitivity = linkage && (await linkageSensitivity(table, result, linkage, options));
    stop();
    if (flags.has('json'))
      io.stdout(
        `${JSON.stringify(linkage ? { ...result, linkageSensitivity: sensitivity } : result, null, 2)}\n`,
      );
    else
      io.stdout(
        formatReport(result, io.lang) +
          (linkage ? `\n${formatLinkageSensitivity(sensitivity ?? null, io)}` : ''),
      );
    return result.status === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof EstimateInputError)
      throw new CliError(`${file}: ${io.lang === 'en' ? error.en : error.nl}`);
    throw error;
  } finally {
    stop();
  }
}

export const estimateCommand: Command = {
  name: 'estimate',
  usage: USAGE,
  run,
};
