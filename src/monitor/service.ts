import type { AccessTx } from '../access/context.ts';
import { AccessDenied, type Decision } from '../access/policy.ts';
import { csvCell } from '../domain/csv-cell.ts';
import type { Label } from '../domain/label.ts';
import { findMunicipality } from '../domain/municipalities.ts';
import { policeUnitForMunicipality } from '../domain/police-units.ts';
import { conflict, invalidInput, label, notFound } from '../domain/problem.ts';
import {
  type Cell,
  type Family,
  familyOf,
  keyOf,
  type ProtectedTable,
  protect,
  type SuppressionRule,
  smallCellThreshold,
} from '../domain/suppress.ts';
import { PROVINCE_OF } from './geo-areas.ts';
import {
  type Breakdown,
  BUILT_IN,
  checkDefinition,
  type Definition,
  type FactField,
  type Indicator,
  type IndicatorInput,
  periodFits,
  UNIT_RANGE,
} from './indicators.ts';
import './tables.ts';

/**
 * The programme monitor's service: indicators, their suppressed tables, partner figures and closed periods.
 * Every count that leaves goes through src/domain/suppress.ts; tables are built from the daily facts
 * (monitor_signal_facts, kept by the job in jobs.ts), never from a scan of the signals per page view.
 */

// --- Families: one per measure, year and scope, holding every view any indicator offers over it ---------

/** The measures the facts count, and every view (cross table with margins) the API offers over each. */
export const MEASURE_VIEWS: Record<'signals' | 'routed' | 'accepted', string[][]> = {
  signals: [
    ['channel', 'month'],
    ['form', 'month'],
    ['region', 'month'],
    ['minor', 'month'],
    ['region', 'municipality'],
    ['channel', 'form'],
    ['channel', 'region'],
    // The maps (issue 17 item 4): provinces and police units (= RIEC regions) over the same municipalities.
    ['province', 'municipality'],
    ['police_unit', 'municipality'],
  ],
  routed: [
    ['channel', 'month'],
    ['form', 'month'],
    ['region', 'month'],
    ['month', 'outcome'],
    ['channel', 'outcome'],
    ['form', 'outcome'],
    ['region', 'outcome'],
  ],
  accepted: [
    ['channel', 'month'],
    ['form', 'month'],
    ['region', 'month'],
  ],
};
type Measure = keyof typeof MEASURE_VIEWS;

interface FactRow {
  month: string;
  channel: string;
  form: string;
  municipality: string;
  minor: boolean;
  signals: number;
  routed: number;
  accepted: number;
  routed_within_sla: number;
  routing_hours: number;
  acceptance_hours: number;
}

function dimensionsOf(row: FactRow): Record<string, string> {
  return {
    month: row.month,
    channel: row.channel,
    form: row.form,
    region: findMunicipality(row.municipality)?.safetyRegion ?? 'unknown',
    province: PROVINCE_OF[row.municipality] ?? 'unknown',
    police_unit: policeUnitForMunicipality(row.municipality)?.code ?? 'unknown',
    municipality: row.municipality || 'unknown',
    minor: row.minor ? 'yes' : 'no',
  };
}

function measureRecords(rows: readonly FactRow[], measure: Measure) {
  const out: { dimensions: Record<string, string>; count: number }[] = [];
  for (const row of rows) {
    const dimensions = dimensionsOf(row);
    if (measure === 'routed') {
      out.push({
        dimensions: { ...dimensions, outcome: 'within_sla' },
        count: Number(row.routed_within_sla),
      });
      out.push({
        dimensions: { ...dimensions, outcome: 'late' },
        count: Number(row.routed) - Number(row.routed_within_sla),
      });
    } else out.push({ dimensions, count: Number(row[measure]) });
  }
  return out;
}

/** Sums of a (non-count) field over every cell key of a family's views (hours for means). */
function sumsOf(rows: readonly FactRow[], field: FactField, views: string[][]): Map<string, number> {
  const family = familyOf(
    rows.map((row) => ({ dimensions: dimensionsOf(row), count: Number(row[field]) })),
    views.map((v) => v.filter((d) => d !== 'outcome')),
  );
  return new Map(family.cells.map((c) => [keyOf(c.dimensions), c.value]));
}

/** What the actor may see: the nation, or (a municipal coordinator) its own municipality. */
export interface Scope {
  decision: Decision;
  municipality: string | null;
}

export async function aggregateScope(tx: AccessTx, action: 'aggregate' | 'export'): Promise<Scope> {
  const decision = await tx.authorize(action, 'monitor_aggregate');
  if (decision.role !== 'municipal_coordinator') return { decision, municipality: null };
  const org = await tx.db
    .selectFrom('organisations')
    .select('cbs_code')
    .where('id', '=', tx.actor.orgId)
    .executeTakeFirst();
  if (!org?.cbs_code) {
    throw new AccessDenied(
      'not_permitted',
      'Uw organisatie heeft geen gemeentecode / your organisation has no municipality code',
      'monitor_aggregate',
      action,
    );
  }
  return { decision, municipality: org.cbs_code };
}

async function factsOf(tx: AccessTx, year: number, scope: Scope): Promise<FactRow[]> {
  let query = tx.db
    .selectFrom('monitor_signal_facts')
    .selectAll()
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`);
  if (scope.municipality) query = query.where('municipality', '=', scope.municipality);
  return (await query.execute()) as FactRow[];
}

// --- Indicators ------------------------------------------------------------------------------------------

function fromRow(row: Record<string, unknown>): Indicator {
  return {
    id: String(row.id),
    actionLine: Number(row.action_line),
    name: { nl: String(row.name_nl), en: String(row.name_en) },
    definition: row.definition as Definition,
    unit: row.unit as Indicator['unit'],
    period: row.period as Indicator['period'],
    baseline: row.baseline === null || row.baseline === undefined ? null : Number(row.baseline),
    target: row.target === null || row.target === undefined ? null : Number(row.target),
    breakdowns: (row.breakdowns ?? []) as Breakdown[],
    source: row.source as Indicator['source'],
    sourceLabel:
      row.source === 'partner'
        ? label('Aangeleverd door partners', 'Submitted by partners')
        : label('Berekend uit Ketenplein', 'Computed from Ketenplein'),
    builtIn: false,
  };
}

export async function listIndicators(tx: AccessTx): Promise<Indicator[]> {
  const decision = await tx.authorize('read', 'monitor_indicator');
  const rows = await tx.db
    .selectFrom('monitor_indicators')
    .selectAll()
    .where((eb) => decision.where(eb))
    .orderBy('created_at')
    .execute();
  return [...BUILT_IN, ...tx.disclose(decision, rows).map((row) => fromRow(row))];
}

export async function getIndicator(tx: AccessTx, id: string): Promise<Indicator> {
  const found = (await listIndicators(tx)).find((i) => i.id === id);
  if (!found) throw notFound(label(`Geen indicator "${id}"`, `No indicator "${id}"`));
  return found;
}

/** Adds an indicator; refuses unknown fields, unknown breakdowns and a target outside the unit's range. */
export async function createIndicator(tx: AccessTx, input: IndicatorInput): Promise<Indicator> {
  const decision = await tx.authorize('create', 'monitor_indicator');
  const indicator = checkDefinition(input);
  const supported = supportedMeasure(indicator.definition);
  if (supported) throw invalidInput(supported[0], supported[1]);
  const existing = await tx.db
    .selectFrom('monitor_indicators')
    .select('id')
    .where('id', '=', indicator.id)
    .executeTakeFirst();
  if (existing) throw conflict(label('Deze indicator bestaat al', 'This indicator exists already'), 'id');
  await tx.db
    .insertInto('monitor_indicators')
    .values({
      id: indicator.id,
      org_id: tx.actor.orgId,
      action_line: indicator.actionLine,
      name_nl: indicator.name.nl,
      name_en: indicator.name.en,
      definition: JSON.stringify(indicator.definition),
      unit: indicator.unit,
      period: indicator.period,
      baseline: indicator.baseline,
      target: indicator.target,
      breakdowns: indicator.breakdowns,
      source: indicator.source,
      created_by: tx.actor.userId,
    })
    .execute();
  tx.record(decision, [indicator.id], ['definition', 'unit', 'target'], 'indicator created');
  return indicator;
}

/** The combinations of fields the families support; [field, reason] when a definition asks another. */
function supportedMeasure(definition: Definition): [string, Label] | undefined {
  if (definition.kind === 'count') {
    if (!['signals', 'routed', 'accepted'].includes(definition.numerator)) {
      return [
        'definition.numerator',
        label(
          'Een telling kan alleen over signals, routed of accepted',
          'A count can only be of signals, routed or accepted',
        ),
      ];
    }
  }
  if (
    definition.kind === 'share' &&
    !(definition.numerator === 'routed_within_sla' && definition.denominator === 'routed')
  ) {
    return [
      'definition.numerator',
      label(
        'Een aandeel kan alleen routed_within_sla van routed zijn',
        'A share can only be routed_within_sla of routed',
      ),
    ];
  }
  if (
    definition.kind === 'mean' &&
    !(
      (definition.numerator === 'routing_hours' && definition.denominator === 'routed') ||
      (definition.numerator === 'acceptance_hours' && definition.denominator === 'accepted')
    )
  ) {
    return [
      'definition.denominator',
      label(
        'Een gemiddelde kan alleen routing_hours per routed of acceptance_hours per accepted zijn',
        'A mean can only be routing_hours per routed or acceptance_hours per accepted',
      ),
    ];
  }
  return undefined;
}

// --- Tables ---------------------------------------------------------------------------------------------

export interface IndicatorTable {
  indicatorId: string;
  year: number;
  scope: string;
  breakdown: string | null;
  available: boolean;
  note: Label | null;
  cells: Cell[];
  totals: Cell[];
  /** The suppressed counts a share or a mean is computed from (absent for counts). */
  counts: { cells: Cell[]; totals: Cell[] } | null;
  /** The interval of a size estimate. */
  interval: { lower: number | null; upper: number | null; level: number | null } | null;
  rule: SuppressionRule;
}

const NOT_SUPPRESSED: SuppressionRule = {
  threshold: 0,
  method: 'primary_below_threshold_then_complementary_smallest_nonzero_with_linear_audit',
  description: label(
    'Geen telling van personen (een modelschatting): niet onderdrukt.',
    'Not a count of persons (a model estimate): not suppressed.',
  ),
};

/** The view a breakdown asks for: cells over exactly these dimensions (plus the definition's filter). */
function viewOf(definition: Definition, breakdown: Breakdown | null): string[] {
  const filter = definition.kind === 'count' ? Object.keys(definition.filter ?? {}) : [];
  if (definition.kind === 'share') return breakdown ? [breakdown, 'outcome'] : ['month', 'outcome'];
  if (breakdown === 'municipality') return ['region', 'municipality'];
  const dims = breakdown ? [breakdown, 'month'] : ['month'];
  return [...new Set([...filter, ...dims])];
}

function select(cells: readonly Cell[], view: readonly string[], filter: Record<string, string>) {
  const names = (c: Cell) => Object.keys(c.dimensions);
  const matches = (c: Cell) =>
    Object.entries(filter).every(([d, v]) => !(d in c.dimensions) || c.dimensions[d] === v) &&
    Object.keys(filter).every((d) => d in c.dimensions || !view.includes(d));
  const inView = cells.filter((c) => names(c).every((d) => view.includes(d)) && matches(c));
  return {
    cells: inView.filter((c) => names(c).length === view.length),
    totals: inView.filter(
      (c) => names(c).length < view.length && Object.keys(filter).every((d) => d in c.dimensions),
    ),
  };
}

/**
 * The protected family of a measure, year and scope, cached by a fingerprint of the facts it is built
 * from: every view of the family then answers from the same suppression (and fast) until the facts change.
 */
const familyCache = new Map<string, ProtectedTable>();
function protectedFamily(
  rows: readonly FactRow[],
  measure: Measure,
  year: number,
  scope: string,
  threshold: number,
): ProtectedTable {
  let fingerprint = 0;
  for (const row of rows) {
    fingerprint =
      (fingerprint * 31 + Number(row[measure]) * 7 + Number(row.routed_within_sla)) % 2_147_483_647;
    for (const c of `${row.month}${row.channel}${row.form}${row.municipality}${row.minor}`) {
      fingerprint = (fingerprint * 31 + c.charCodeAt(0)) % 2_147_483_647;
    }
  }
  const key = `${measure}|${year}|${scope}|${threshold}|${rows.length}|${fingerprint}`;
  const cached = familyCache.get(key);
  if (cached) return cached;
  const family: Family = familyOf(measureRecords(rows, measure), MEASURE_VIEWS[measure]);
  const table = protect(family, threshold);
  if (familyCache.size >= 64) familyCache.delete(familyCache.keys().next().value as string);
  familyCache.set(key, table);
  return table;
}

export async function indicatorTable(
  tx: AccessTx,
  id: string,
  options: { year: number; breakdown?: string | null },
  action: 'aggregate' | 'export' = 'aggregate',
): Promise<IndicatorTable> {
  const indicator = await getIndicator(tx, id);
  const breakdown = (options.breakdown ?? null) as Breakdown | null;
  if (breakdown !== null && !indicator.breakdowns.includes(breakdown)) {
    throw invalidInput(
      'breakdown',
      label(
        `Deze indicator kent geen uitsplitsing "${breakdown}" (wel: ${indicator.breakdowns.join(', ') || 'geen'})`,
        `This indicator has no breakdown "${breakdown}" (it has: ${indicator.breakdowns.join(', ') || 'none'})`,
      ),
    );
  }
  const scope = await aggregateScope(tx, action);
  tx.record(
    scope.decision,
    [indicator.id],
    ['dimensions', 'value', 'suppressed'],
    `${indicator.id} ${options.year} ${breakdown ?? 'trend'}`,
  );
  const threshold = smallCellThreshold();
  const base = {
    indicatorId: indicator.id,
    year: options.year,
    scope: scope.municipality ?? 'national',
    breakdown,
    counts: null,
    interval: null,
  };
  const definition = indicator.definition;
  if (definition.kind === 'pending' || definition.kind === 'partner') {
    return {
      ...base,
      available: false,
      note:
        definition.kind === 'pending'
          ? label(
              `Bron nog niet beschikbaar: de capability "${definition.requires}" is er nog niet`,
              `Source not available yet: the "${definition.requires}" capability is not there yet`,
            )
          : label(
              'Aangeleverde cijfers: zie de cijfers per periode',
              'Submitted figures: see the figures per period',
            ),
      cells: [],
      totals: [],
      rule: protect({ cells: [], constraints: [] }, threshold).rule,
    };
  }
  if (definition.kind === 'snapshot') {
    const row = await tx.db
      .selectFrom('monitor_snapshots')
      .select(['value', 'computed_at'])
      .where('name', '=', definition.snapshot)
      .executeTakeFirst();
    const value = row?.value as
      | {
          total: number;
          lower: number | null;
          upper: number | null;
          level: number | null;
          finishedAt: string;
        }
      | null
      | undefined;
    return {
      ...base,
      available: Boolean(value),
      note: value ? null : label('Nog geen afgeronde schatting', 'No finished estimate yet'),
      cells: value
        ? [
            {
              dimensions: { period: value.finishedAt.slice(0, 10) },
              value: Math.round(value.total),
              suppressed: false,
            },
          ]
        : [],
      totals: [],
      interval: value ? { lower: value.lower, upper: value.upper, level: value.level } : null,
      rule: NOT_SUPPRESSED,
    };
  }
  const rows = await factsOf(tx, options.year, scope);
  const measure: Measure =
    definition.kind === 'count' ? (definition.numerator as Measure) : (definition.denominator as Measure);
  const table = protectedFamily(rows, measure, options.year, scope.municipality ?? 'national', threshold);
  const all = [...table.cells, ...table.totals];
  const filter = definition.kind === 'count' ? ((definition.filter ?? {}) as Record<string, string>) : {};
  const view = viewOf(definition, breakdown);
  const chosen = select(all, view, filter);
  if (definition.kind === 'count') {
    return { ...base, available: true, note: null, ...chosen, rule: table.rule };
  }
  if (definition.kind === 'share') {
    // A share per combination of the view without `outcome`: within / (within + late), both published.
    const byKey = new Map(all.map((c) => [keyOf(c.dimensions), c]));
    const share = (dims: Record<string, string>): Cell => {
      const part = byKey.get(keyOf({ ...dims, outcome: 'within_sla' }));
      const whole = byKey.get(keyOf(dims));
      const ok = part && whole && !part.suppressed && !whole.suppressed && (whole.value ?? 0) > 0;
      return {
        dimensions: dims,
        value: ok ? Math.round(((part.value as number) / (whole.value as number)) * 1000) / 10 : null,
        suppressed: !ok,
      };
    };
    const outer = view.filter((d) => d !== 'outcome');
    const groups = all.filter(
      (c) => Object.keys(c.dimensions).length === outer.length && outer.every((d) => d in c.dimensions),
    );
    return {
      ...base,
      available: true,
      note: null,
      cells: groups.map((c) => share(c.dimensions)),
      totals: [share({})],
      counts: chosen,
      rule: table.rule,
    };
  }
  // A mean per published count cell of the view: the numerator's sum over the count, in the unit.
  const sums = sumsOf(rows, definition.numerator, MEASURE_VIEWS[measure]);
  const divisor = definition.divisor ?? 1;
  const mean = (c: Cell): Cell => {
    const sum = sums.get(keyOf(c.dimensions)) ?? 0;
    const ok = !c.suppressed && (c.value ?? 0) > 0;
    return {
      dimensions: c.dimensions,
      value: ok ? Math.round((sum / (c.value as number) / divisor) * 10) / 10 : null,
      suppressed: !ok,
    };
  };
  return {
    ...base,
    available: true,
    note: null,
    cells: chosen.cells.map(mean),
    totals: chosen.totals.map(mean),
    counts: chosen,
    rule: table.rule,
  };
}

/** The table as CSV (every cell, suppressed ones empty and marked); audited as an export. */
export function tableCsv(table: IndicatorTable): string {
  const rows = [...table.cells, ...table.totals];
  const dims = [...new Set(rows.flatMap((c) => Object.keys(c.dimensions)))].sort();
  const lines = [[...dims, 'value', 'suppressed'].map(csvCell).join(',')];
  for (const c of rows) {
    lines.push(
      [
        // Neutralised against formula injection like every CSV export (src/domain/csv-cell.ts, issue 10 Low).
        ...dims.map((d) => csvCell(c.dimensions[d] ?? 'total')),
        c.value === null ? '' : String(c.value),
        String(c.suppressed),
      ].join(','),
    );
  }
  lines.push(`# ${table.rule.description.en}`);
  return `${lines.join('\n')}\n`;
}

// --- Partner figures and closed periods ---------------------------------------------------------------

export interface Figure {
  id: string;
  indicatorId: string;
  period: string;
  value: number | null;
  suppressed: boolean;
  orgId: string;
  orgName: string;
  submittedBy: string;
  submittedAt: string;
  supersedes: string | null;
  supersededBy: string | null;
  note: string | null;
}

export async function listFigures(tx: AccessTx, indicatorId: string): Promise<Figure[]> {
  const indicator = await getIndicator(tx, indicatorId);
  const decision = await tx.authorize('read', 'monitor_figure');
  const rows = await tx.db
    .selectFrom('monitor_figures as f')
    .innerJoin('organisations as o', 'o.id', 'f.org_id')
    .select([
      'f.id',
      'f.indicator_id',
      'f.period',
      'f.value',
      'f.org_id',
      'o.name as org_name',
      'f.submitted_by_name as user_name',
      'f.submitted_at',
      'f.supersedes',
      'f.note',
    ])
    .where('f.indicator_id', '=', indicatorId)
    .where((eb) => decision.where(eb))
    .orderBy('f.period')
    .orderBy('f.submitted_at')
    .execute();
  tx.disclose(decision, rows);
  const threshold = smallCellThreshold();
  const supersededBy = new Map(rows.filter((r) => r.supersedes).map((r) => [r.supersedes as string, r.id]));
  return rows.map((row) => {
    const value = Number(row.value);
    // A partner's count of persons under the threshold is suppressed like any other cell.
    const suppressed = indicator.unit === 'count' && value > 0 && value < threshold;
    return {
      id: row.id,
      indicatorId: row.indicator_id,
      period: row.period,
      value: suppressed ? null : value,
      suppressed,
      orgId: row.org_id,
      orgName: row.org_name,
      submittedBy: row.user_name,
      submittedAt: new Date(row.submitted_at).toISOString(),
      supersedes: row.supersedes,
      supersededBy: supersededBy.get(row.id) ?? null,
      note: row.note,
    };
  });
}

export async function submitFigure(
  tx: AccessTx,
  indicatorId: string,
  input: { period: string; value: number; supersedes?: string | null; note?: string | null },
): Promise<string> {
  const indicator = await getIndicator(tx, indicatorId);
  const decision = await tx.authorize('create', 'monitor_figure');
  if (indicator.source !== 'partner') {
    throw invalidInput(
      'indicatorId',
      label('Deze indicator wordt berekend, niet aangeleverd', 'This indicator is computed, not submitted'),
    );
  }
  if (!periodFits(indicator.period, input.period)) {
    throw invalidInput(
      'period',
      label(
        `Periode "${input.period}" past niet bij een ${indicator.period}-indicator`,
        `Period "${input.period}" does not fit a ${indicator.period} indicator`,
      ),
    );
  }
  const [low, high] = UNIT_RANGE[indicator.unit];
  if (
    !(input.value >= low && input.value <= high) ||
    (indicator.unit === 'count' && !Number.isInteger(input.value))
  ) {
    throw invalidInput(
      'value',
      label(
        `Waarde ${input.value} past niet bij de eenheid ${indicator.unit} (${low}–${high})`,
        `Value ${input.value} does not fit unit ${indicator.unit} (${low}–${high})`,
      ),
    );
  }
  // Closed periods are the programme's (another organisation): read under their own, chain-wide decision.
  const periods = await tx.authorize('read', 'monitor_period');
  const closed = await tx.db
    .selectFrom('monitor_closed_periods')
    .where((eb) => periods.where(eb))
    .select('period')
    .where('period', 'in', [input.period, input.period.slice(0, 4)])
    .executeTakeFirst();
  if (closed) {
    throw conflict(
      label(`Periode ${input.period} is afgesloten`, `Period ${input.period} is closed`),
      'period',
      'period_closed',
    );
  }
  await tx.authorize('create', 'monitor_figure'); // back to the own organisation's scope for the write
  if (input.supersedes) {
    const earlier = await tx.db
      .selectFrom('monitor_figures')
      .select(['id', 'period', 'indicator_id', 'org_id'])
      .where('id', '=', input.supersedes)
      .executeTakeFirst();
    if (
      !earlier ||
      earlier.indicator_id !== indicatorId ||
      earlier.period !== input.period ||
      earlier.org_id !== tx.actor.orgId
    ) {
      throw invalidInput(
        'supersedes',
        label(
          'Een correctie vervangt een eigen cijfer van dezelfde indicator en periode',
          "A correction replaces one's own figure of the same indicator and period",
        ),
      );
    }
    const already = await tx.db
      .selectFrom('monitor_figures')
      .select('id')
      .where('supersedes', '=', input.supersedes)
      .executeTakeFirst();
    if (already) {
      throw conflict(
        label('Dit cijfer is al gecorrigeerd', 'This figure has been corrected already'),
        'supersedes',
      );
    }
  }
  const row = await tx.db
    .insertInto('monitor_figures')
    .values({
      indicator_id: indicatorId,
      period: input.period,
      value: input.value,
      org_id: tx.actor.orgId,
      submitted_by: tx.actor.userId,
      submitted_by_name:
        (await tx.db.selectFrom('users').select('name').where('id', '=', tx.actor.userId).executeTakeFirst())
          ?.name ?? '',
      supersedes: input.supersedes ?? null,
      note: input.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  tx.record(
    decision,
    [row.id],
    ['period', 'value', 'supersedes'],
    input.supersedes ? 'correction' : 'figure',
  );
  return row.id;
}

export async function closePeriod(tx: AccessTx, period: string): Promise<void> {
  const decision = await tx.authorize('create', 'monitor_period');
  if (!/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/.test(period)) {
    throw invalidInput(
      'period',
      label('Periode als 2026, 2026-Q1 of 2026-03', 'Period as 2026, 2026-Q1 or 2026-03'),
    );
  }
  const exists = await tx.db
    .selectFrom('monitor_closed_periods')
    .select('period')
    .where('period', '=', period)
    .executeTakeFirst();
  if (exists) return;
  await tx.db
    .insertInto('monitor_closed_periods')
    .values({ period, org_id: tx.actor.orgId, closed_by: tx.actor.userId })
    .execute();
  tx.record(decision, [period], ['period'], 'period closed');
}

// --- Maps (issue 17 item 4) ----------------------------------------------------------------------------

/** Region levels a map can show, and the family dimension each one is. RIEC regions follow police units. */
export const MAP_LEVELS = {
  municipality: 'municipality',
  province: 'province',
  safety_region: 'region',
  police_unit: 'police_unit',
} as const;
export type MapLevel = keyof typeof MAP_LEVELS;

export interface AreaTable {
  indicatorId: string;
  year: number;
  scope: string;
  level: MapLevel;
  dimension: string;
  cells: Cell[];
  totals: Cell[];
  rule: SuppressionRule;
}

/**
 * One value per area of a level, from the same protected family as every table (the municipality cells
 * are those of the region × municipality view, so a map never publishes what a table suppresses).
 */
export async function areaTable(
  tx: AccessTx,
  id: string,
  options: { year: number; level: string },
  action: 'aggregate' | 'export' = 'aggregate',
): Promise<AreaTable> {
  if (!Object.hasOwn(MAP_LEVELS, options.level)) {
    throw invalidInput(
      'level',
      label(
        `Onbekend regioniveau "${options.level}" (wel: ${Object.keys(MAP_LEVELS).join(', ')})`,
        `Unknown region level "${options.level}" (known: ${Object.keys(MAP_LEVELS).join(', ')})`,
      ),
    );
  }
  const level = options.level as MapLevel;
  const indicator = await getIndicator(tx, id);
  const definition = indicator.definition;
  if (
    definition.kind !== 'count' ||
    definition.numerator !== 'signals' ||
    Object.keys(definition.filter ?? {}).length > 0
  ) {
    throw invalidInput(
      'indicator',
      label(
        `Geen kaart voor "${id}": kaarten tonen tellingen van alle signalen per gebied`,
        `No map for "${id}": maps show counts of all signals per area`,
      ),
    );
  }
  const scope = await aggregateScope(tx, action);
  tx.record(
    scope.decision,
    [indicator.id],
    ['dimensions', 'value', 'suppressed'],
    `${indicator.id} ${options.year} map ${level}`,
  );
  const rows = await factsOf(tx, options.year, scope);
  const threshold = smallCellThreshold();
  const table = protectedFamily(rows, 'signals', options.year, scope.municipality ?? 'national', threshold);
  const all = [...table.cells, ...table.totals];
  const dimension = MAP_LEVELS[level];
  const names = (c: Cell) => Object.keys(c.dimensions);
  const cells =
    level === 'municipality'
      ? all.filter((c) => names(c).length === 2 && 'region' in c.dimensions && 'municipality' in c.dimensions)
      : all.filter((c) => names(c).length === 1 && dimension in c.dimensions);
  return {
    indicatorId: indicator.id,
    year: options.year,
    scope: scope.municipality ?? 'national',
    level,
    dimension,
    cells,
    totals: all.filter((c) => names(c).length === 0),
    rule: table.rule,
  };
}
