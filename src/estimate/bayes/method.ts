import { sparsityWarnings, tableStats } from '../design.ts';
import type { EstimateOptions, EstimateResult, Lang } from '../estimate.ts';
import { type CaptureTable, EstimateInputError } from '../table.ts';
import { checkDgaOptions, checkNoEmptyList, dgaEstimate } from './dga.ts';
import { checkLcmOptions, type LcmOptions, lcmEstimate } from './lcm.ts';
import { type ComparisonRow, METHODS, type Method } from './types.ts';

type Loglinear = (table: CaptureTable, options: EstimateOptions) => Promise<EstimateResult>;

/** Dispatch for `estimate(table, { method })`; `loglinear` is the engine's own estimator (for `all`). */
export async function estimateByMethod(
  table: CaptureTable,
  options: EstimateOptions,
  loglinear: Loglinear,
): Promise<EstimateResult> {
  const method = options.method as Method;
  if (!METHODS.includes(method))
    throw new EstimateInputError(
      `method ${method}: kies uit ${METHODS.join(', ')}`,
      `method ${method}: choose from ${METHODS.join(', ')}`,
    );
  // Every setting is checked before anything runs, so `all` never fails half-way.
  checkDgaOptions(options);
  checkLcmOptions(lcmOptions(options));
  checkNoEmptyList(table);
  if (method === 'dga') return dgaResult(table, options);
  if (method === 'lcm') return lcmResult(table, options);
  const result = await loglinear(table, { ...options, method: 'loglinear' });
  const dga = dgaResult(table, options);
  const lcm = await lcmResult(table, options);
  result.settings.method = 'all';
  result.alternatives = { dga, lcm };
  result.comparison = compare(result, dga, lcm, options.lang ?? 'nl');
  return result;
}

function lcmOptions(options: EstimateOptions): LcmOptions {
  return {
    K: options.K,
    burnin: options.burnin,
    samples: options.samples,
    thin: options.thin,
    chains: options.chains,
    seed: options.seed,
    level: options.level,
    workers: options.chainWorkers,
    onProgress: options.ci === 'bootstrap' && options.method === 'all' ? undefined : options.onProgress,
  };
}

function base(table: CaptureTable, options: EstimateOptions): EstimateResult {
  const stats = tableStats(table);
  return {
    lists: [...table.lists],
    observed: stats.observed,
    model: { terms: [], negInf: [] },
    status: 0,
    estimate: null,
    candidates: [],
    warnings: sparsityWarnings(stats, options.lang ?? 'nl'),
    settings: { select: 'none', ci: 'posterior', level: options.level ?? 0.95 },
  };
}

function dgaResult(table: CaptureTable, options: EstimateOptions): EstimateResult {
  const lang = options.lang ?? 'nl';
  const result = base(table, options);
  const r = dgaEstimate(table, { delta: options.delta, nPrior: options.nPrior, level: options.level });
  const p = table.lists.length;
  result.settings = {
    ...result.settings,
    method: 'dga',
    delta: options.delta ?? 2 ** -p,
    nPrior: options.nPrior ?? 'reciprocal',
  };
  if (!r) {
    result.status = 1;
    result.warnings.push(
      lang === 'en'
        ? 'the posterior of the number unseen does not fall off (too little overlap between the lists): no estimate'
        : 'de posterior van het ongeziene aantal neemt niet af (te weinig overlap tussen de lijsten): geen schatting',
    );
    return result;
  }
  result.settings.grid = r.settings.grid;
  result.model = {
    terms: r.graphs[0].cliques.split(', ').filter((c) => c.includes(':')),
    negInf: [],
    graphs: r.graphs,
    graphsAveraged: r.settings.graphs,
  };
  result.estimate = { total: r.total, unobserved: r.unobserved, ci: r.ci, posterior: r.posterior };
  return result;
}

async function lcmResult(table: CaptureTable, options: EstimateOptions): Promise<EstimateResult> {
  const lang = options.lang ?? 'nl';
  const result = base(table, options);
  const r = await lcmEstimate(table, lcmOptions(options));
  const { seed, ...rest } = r.settings;
  result.settings = { ...result.settings, method: 'lcm', ...rest, seed };
  result.model = { terms: [], negInf: [], diagnostics: r.diagnostics };
  result.estimate = { total: r.total, unobserved: r.unobserved, ci: r.ci, posterior: r.posterior };
  result.warnings.push(...r.warnings.map((w) => (lang === 'en' ? w.en : w.nl)));
  return result;
}

const NAMES: Record<ComparisonRow['method'], [string, string]> = {
  loglinear: ['log-lineair model', 'log-linear model'],
  dga: ['modelmiddeling over decomposeerbare grafen', 'model averaging over decomposable graphs'],
  lcm: ['latente-klassenmodel', 'latent-class model'],
};

function row(method: ComparisonRow['method'], r: EstimateResult, level: number): ComparisonRow {
  return {
    method,
    total: r.estimate?.total ?? null,
    lower: r.estimate?.ci?.lower ?? null,
    upper: r.estimate?.ci?.upper ?? null,
    level: r.estimate?.ci?.level ?? level,
  };
}

/**
 * A short reading of where the three families agree and where not. The thresholds (10 % apart, intervals that
 * do not overlap) are conventions for the text only; the numbers are all in `rows`.
 */
export function compare(
  loglinear: EstimateResult,
  dga: EstimateResult,
  lcm: EstimateResult,
  lang: Lang,
): { rows: ComparisonRow[]; reading: string[] } {
  const say = (nl: string, en: string) => (lang === 'en' ? en : nl);
  const level = loglinear.settings.level;
  const rows = [row('loglinear', loglinear, level), row('dga', dga, level), row('lcm', lcm, level)];
  const fmt = (x: number) => Math.round(x).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL');
  const reading: string[] = [];
  const ok = rows.filter((r) => r.total !== null);
  for (const r of rows)
    if (r.total === null)
      reading.push(
        say(
          `Het ${NAMES[r.method][0]} geeft geen schatting.`,
          `The ${NAMES[r.method][1]} gives no estimate.`,
        ),
      );
  if (ok.length < 2) return { rows, reading };
  const totals = ok.map((r) => r.total as number);
  const spread = (Math.max(...totals) - Math.min(...totals)) / Math.min(...totals);
  if (spread <= 0.1)
    reading.push(
      say(
        `De methoden liggen binnen ${Math.round(spread * 100)} % van elkaar: modelkeuze en heterogeniteit maken voor deze tabel weinig uit.`,
        `The methods lie within ${Math.round(spread * 100)} % of each other: model choice and heterogeneity matter little for this table.`,
      ),
    );
  const overlap = (a: ComparisonRow, b: ComparisonRow) =>
    a.lower !== null &&
    b.lower !== null &&
    (a.upper ?? Number.POSITIVE_INFINITY) >= b.lower &&
    (b.upper ?? Number.POSITIVE_INFINITY) >= a.lower;
  const [ll, dg, lc] = rows;
  if (lc.total !== null) {
    const others = [ll, dg].filter((r) => r.total !== null).map((r) => r.total as number);
    const mid = others.reduce((a, b) => a + b, 0) / Math.max(others.length, 1);
    if (others.length > 0 && lc.total > mid * 1.1)
      reading.push(
        say(
          `Het latente-klassenmodel schat hoger (${fmt(lc.total)}): het laat heterogeniteit toe. Als een groep slachtoffers voor alle organisaties veel beter zichtbaar is, lijken de lijsten sterk te overlappen en zien modellen zonder heterogeniteit de lijsten als vollediger dan ze zijn; het latente-klassenmodel rekent die overlap toe aan die groep en schat meer ongezienen.`,
          `The latent-class model estimates higher (${fmt(lc.total)}): it allows heterogeneity. When one group of victims is far more visible to every organisation, the lists seem to overlap strongly and models without heterogeneity take the lists to be more complete than they are; the latent-class model attributes that overlap to the group and estimates more unseen.`,
        ),
      );
    else if (others.length > 0 && lc.total < mid / 1.1)
      reading.push(
        say(
          `Het latente-klassenmodel schat lager (${fmt(lc.total)}): het verklaart de overlap tussen lijsten deels met klassen van personen met verschillende zichtbaarheid in plaats van met afhankelijkheid tussen lijsten, en de modellen met interacties laten die afhankelijkheid juist meer ongezienen opleveren.`,
          `The latent-class model estimates lower (${fmt(lc.total)}): it explains the overlap between lists partly by classes of persons with different visibility rather than by dependence between lists, while the models with interactions let that dependence produce more unseen.`,
        ),
      );
    if (!lcm.model.diagnostics?.agree)
      reading.push(
        say(
          'Let op: de ketens van het latente-klassenmodel zijn het niet eens; lees dat getal met voorzichtigheid.',
          'Note: the chains of the latent-class model disagree; read its number with care.',
        ),
      );
  }
  if (dg.total !== null && ll.total !== null) {
    const top = dga.model.graphs?.[0];
    if (Math.abs(dg.total - ll.total) / ll.total > 0.1 && top)
      reading.push(
        say(
          `Modelmiddeling (${fmt(dg.total)}) wijkt af van het gekozen log-lineaire model (${fmt(ll.total)}): de graaf met het meeste gewicht is ${top.cliques} (${Math.round(top.weight * 100)} %); het gekozen model is er maar één van vele die de gegevens even goed verklaren.`,
          `Model averaging (${fmt(dg.total)}) departs from the selected log-linear model (${fmt(ll.total)}): the graph with most weight is ${top.cliques} (${Math.round(top.weight * 100)} %); the selected model is only one of many that explain the data about as well.`,
        ),
      );
    const width = (r: ComparisonRow) => (r.upper ?? Number.NaN) - (r.lower ?? Number.NaN);
    if (width(dg) > 1.5 * width(ll))
      reading.push(
        say(
          'Het interval van de modelmiddeling is breder: het neemt de onzekerheid over het model mee, het interval van één log-lineair model niet.',
          'The model-averaging interval is wider: it carries the uncertainty about the model, the interval of a single log-linear model does not.',
        ),
      );
  }
  for (let i = 0; i < rows.length; i++)
    for (let j = i + 1; j < rows.length; j++)
      if (rows[i].total !== null && rows[j].total !== null && !overlap(rows[i], rows[j]))
        reading.push(
          say(
            `De intervallen van het ${NAMES[rows[i].method][0]} en het ${NAMES[rows[j].method][0]} overlappen niet.`,
            `The intervals of the ${NAMES[rows[i].method][1]} and the ${NAMES[rows[j].method][1]} do not overlap.`,
          ),
        );
  return { rows, reading };
}
