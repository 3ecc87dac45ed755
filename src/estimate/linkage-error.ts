/**
 * How much linkage error could move the estimate. The capture table comes from a record linkage
 * whose precision p and recall r were estimated by its own fitted model (`pprl link --json`,
 * field `linkage`). A missed link splits one person into two singletons; a false link merges two
 * persons into one overlap. Both change the overlaps that multiple systems estimation lives on
 * (every missed overlap inflates the unseen).
 *
 * Method (first order, as the literature on MSE with linkage error corrects the overlap counts,
 * e.g. Ding & Fienberg 1994, Di Consiglio & Tuoto 2015): for a cell seen on k ≥ 2 lists, the
 * links that made it are correct with probability p and true links are found with probability r,
 * so its corrected count is count · (p / r)^(k − 1). Each list's own total is known exactly
 * (linkage does not change how many records a list has), so each list's singleton cell takes up
 * the difference. The table is re-estimated with the model chosen on the table as linked, and the
 * sensitivity range is the span of the two estimates and of their intervals. It assumes linkage
 * errors do not depend on the capture pattern; it says how far the estimate could move, it is not
 * a second estimate of the truth.
 */
import { readFileSync } from 'node:fs';
import { CliError, type CliIO, say } from '../cli/io.ts';
import { type EstimateOptions, type EstimateResult, estimate } from './estimate.ts';
import type { CaptureTable } from './table.ts';

export interface LinkageError {
  precision: number;
  recall: number;
}

export interface LinkageSensitivity {
  linkage: LinkageError;
  /** The table corrected for the linkage error (counts per pattern, bit i = list i). */
  corrected: { pattern: string; count: number }[];
  asLinked: { total: number; lower?: number; upper?: number | null };
  correctedEstimate: { total: number; lower?: number; upper?: number | null } | null;
  /** The span of both estimates, and of both intervals. */
  range: { total: [number, number]; interval?: [number, number | null] };
  /** Which moves the estimate more: the linkage error or the sampling (half the interval). */
  dominates: 'linkage' | 'sampling' | 'unknown';
}

/** Corrects the overlap cells for missed and false links; list totals stay as observed. */
export function correctForLinkageError(
  table: CaptureTable,
  { precision, recall }: LinkageError,
): CaptureTable {
  const K = table.lists.length;
  const counts = new Float64Array(table.counts.length);
  const bits = (mask: number) => {
    let n = 0;
    for (let m = mask; m; m &= m - 1) n++;
    return n;
  };
  for (let mask = 1; mask < counts.length; mask++) {
    const k = bits(mask);
    // Not rounded: on small tables rounding would undo the correction (the fit takes real counts).
    if (k >= 2) counts[mask] = table.counts[mask] * (precision / recall) ** (k - 1);
  }
  for (let i = 0; i < K; i++) {
    const single = 1 << i;
    let listTotal = 0;
    let inOverlaps = 0;
    for (let mask = 1; mask < counts.length; mask++) {
      if (!(mask & single)) continue;
      listTotal += table.counts[mask];
      if (mask !== single) inOverlaps += counts[mask];
    }
    // More corrected overlap than the list holds: the error rates cannot be right for this table.
    counts[single] = Math.max(0, listTotal - inOverlaps);
  }
  return { lists: [...table.lists], counts };
}

function summary(result: EstimateResult) {
  if (!result.estimate) return null;
  const { total, ci } = result.estimate;
  return { total, ...(ci ? { lower: ci.lower, upper: ci.upper } : {}) };
}

/** The estimate as linked and corrected for linkage error, with the range between them. */
export async function linkageSensitivity(
  table: CaptureTable,
  asLinked: EstimateResult,
  linkage: LinkageError,
  options: EstimateOptions,
): Promise<LinkageSensitivity | null> {
  const base = summary(asLinked);
  if (!base) return null;
  const corrected = correctForLinkageError(table, linkage);
  // The model chosen on the table as linked, so only the linkage error moves the estimate.
  const model = asLinked.model.terms.join(',');
  const other = summary(await estimate(corrected, { ...options, select: undefined, model }));
  const totals = other ? [base.total, other.total] : [base.total];
  const lowers = [base.lower, other?.lower].filter((x): x is number => x !== undefined);
  const uppers = [base.upper, other?.upper].filter((x) => x !== undefined);
  const interval: [number, number | null] | undefined =
    lowers.length > 0
      ? [Math.min(...lowers), uppers.includes(null) ? null : Math.max(...(uppers as number[]))]
      : undefined;
  const shift = other ? Math.abs(other.total - base.total) : Number.NaN;
  const halfWidth =
    base.lower !== undefined && typeof base.upper === 'number' ? (base.upper - base.lower) / 2 : Number.NaN;
  return {
    linkage,
    corrected: [...corrected.counts.keys()]
      .filter((mask) => mask > 0)
      .map((mask) => ({
        pattern: table.lists.map((_, i) => ((mask >> i) & 1 ? '1' : '0')).join(''),
        count: corrected.counts[mask],
      })),
    asLinked: base,
    correctedEstimate: other,
    range: { total: [Math.min(...totals), Math.max(...totals)], ...(interval ? { interval } : {}) },
    dominates:
      Number.isNaN(shift) || Number.isNaN(halfWidth) ? 'unknown' : shift > halfWidth ? 'linkage' : 'sampling',
  };
}

function rate(value: unknown, name: string, io: CliIO): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0 || n > 1)
    throw new CliError(
      say(
        io,
        `${name} ${String(value)}: moet een getal zijn groter dan 0 en hoogstens 1`,
        `${name} ${String(value)}: must be a number greater than 0 and at most 1`,
      ),
    );
  return n;
}

/**
 * The linkage error from the flags: `--linkage <link.json>` (the output of `pprl link --json`)
 * or `--linkage-precision P --linkage-recall R`; undefined when none is given.
 */
export function linkageErrorFromFlags(
  flags: Map<string, string | true>,
  io: CliIO,
): LinkageError | undefined {
  const file = flags.get('linkage');
  const p = flags.get('linkage-precision');
  const r = flags.get('linkage-recall');
  if (file === undefined && p === undefined && r === undefined) return undefined;
  if (file !== undefined && (p !== undefined || r !== undefined))
    throw new CliError(
      say(
        io,
        '--linkage en --linkage-precision/--linkage-recall sluiten elkaar uit: geef het bestand óf de twee getallen',
        '--linkage and --linkage-precision/--linkage-recall exclude each other: give the file or the two numbers',
      ),
    );
  if (file !== undefined) {
    if (typeof file !== 'string')
      throw new CliError(say(io, '--linkage: bestand ontbreekt', '--linkage: file missing'));
    let json: { linkage?: { precision?: unknown; recall?: unknown } };
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CliError(
        say(
          io,
          `--linkage ${file}: niet te lezen als JSON (${(error as Error).message})`,
          `--linkage ${file}: cannot be read as JSON (${(error as Error).message})`,
        ),
      );
    }
    if (!json?.linkage || typeof json.linkage !== 'object')
      throw new CliError(
        say(
          io,
          `--linkage ${file}: geen veld "linkage" (maak het bestand met pprl link --json)`,
          `--linkage ${file}: no field "linkage" (make the file with pprl link --json)`,
        ),
      );
    return {
      precision: rate(json.linkage.precision, `--linkage ${file}: linkage.precision`, io),
      recall: rate(json.linkage.recall, `--linkage ${file}: linkage.recall`, io),
    };
  }
  if (p === undefined || r === undefined)
    throw new CliError(
      say(
        io,
        '--linkage-precision en --linkage-recall horen samen: geef ze allebei',
        '--linkage-precision and --linkage-recall go together: give both',
      ),
    );
  return { precision: rate(p, '--linkage-precision', io), recall: rate(r, '--linkage-recall', io) };
}

/** The sensitivity as report lines (Dutch first, English with --lang en). */
export function formatLinkageSensitivity(s: LinkageSensitivity | null, io: CliIO): string {
  if (!s)
    return `${say(io, 'Koppelfouten: geen schatting om te herzien.', 'Linkage error: no estimate to revise.')}\n`;
  const n = (x: number | null | undefined) =>
    x === null || x === undefined ? '∞' : Math.round(x).toLocaleString('nl-NL');
  const lines = [
    say(io, 'Gevoeligheid voor koppelfouten', 'Sensitivity to linkage error'),
    `  ${say(io, 'Precisie / recall van de koppeling', 'Linkage precision / recall')}: ${s.linkage.precision} / ${s.linkage.recall}`,
    `  ${say(io, 'Zoals gekoppeld', 'As linked')}: ${n(s.asLinked.total)}${s.asLinked.lower !== undefined ? ` [${n(s.asLinked.lower)}; ${n(s.asLinked.upper)}]` : ''}`,
    `  ${say(io, 'Gecorrigeerd voor koppelfouten', 'Corrected for linkage error')}: ${s.correctedEstimate ? `${n(s.correctedEstimate.total)}${s.correctedEstimate.lower !== undefined ? ` [${n(s.correctedEstimate.lower)}; ${n(s.correctedEstimate.upper)}]` : ''}` : say(io, 'geen schatting', 'no estimate')}`,
    `  ${say(io, 'Bereik', 'Range')}: ${n(s.range.total[0])} – ${n(s.range.total[1])}${s.range.interval ? `; ${say(io, 'intervallen samen', 'intervals together')} [${n(s.range.interval[0])}; ${n(s.range.interval[1])}]` : ''}`,
    `  ${
      s.dominates === 'linkage'
        ? say(
            io,
            'De koppelfout verschuift de schatting meer dan de steekproefonzekerheid.',
            'Linkage error moves the estimate more than sampling uncertainty.',
          )
        : s.dominates === 'sampling'
          ? say(
              io,
              'De steekproefonzekerheid is groter dan het effect van de koppelfout.',
              'Sampling uncertainty is larger than the effect of linkage error.',
            )
          : say(
              io,
              'Zonder interval niet te zeggen wat overheerst.',
              'Without an interval it cannot be said which dominates.',
            )
    }`,
  ];
  return `${lines.join('\n')}\n`;
}
