import type { Label } from '../domain/label.ts';
import { invalidInput, label } from '../domain/problem.ts';

/**
 * Indicators as data (issue 17, item 2). The programme's five action lines; each indicator names its
 * action line, definition (unit, numerator / denominator over the monitor's facts), period, baseline,
 * target, breakdowns and source. The built-in ones are computed from Ketenplein's own data; the programme
 * adds partner indicators (figures submitted per period) through the API, checked by `checkDefinition`.
 */
export const ACTION_LINES: readonly { line: number; name: Label }[] = [
  { line: 1, name: label('Meer bewustwording', 'More awareness') },
  { line: 2, name: label('Meer en betere signalen', 'More and better signals') },
  {
    line: 3,
    name: label(
      'Betere ondersteuning en bescherming van slachtoffers',
      'Better support and protection of victims',
    ),
  },
  { line: 4, name: label('Aanpak van daders', 'Tackling perpetrators') },
  {
    line: 5,
    name: label(
      'Zicht op aard en omvang, gemeentelijke aanpak',
      'Insight into nature and size, municipal approach',
    ),
  },
];

/** Fields of the daily signal facts (monitor_signal_facts) a computed definition may name. */
export const FACT_FIELDS = [
  'signals',
  'routed',
  'accepted',
  'routed_within_sla',
  'routing_hours',
  'acceptance_hours',
] as const;
export type FactField = (typeof FACT_FIELDS)[number];

/** Breakdowns a computed indicator may offer (region = safety region of the signal's municipality). */
export const BREAKDOWNS = ['channel', 'form', 'region', 'municipality', 'minor'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const UNITS = ['count', 'percent', 'days', 'hours', 'euro', 'ratio'] as const;
export type Unit = (typeof UNITS)[number];
export const UNIT_RANGE: Record<Unit, readonly [number, number]> = {
  count: [0, Number.MAX_SAFE_INTEGER],
  percent: [0, 100],
  days: [0, 100_000],
  hours: [0, 1_000_000],
  euro: [0, 1e12],
  ratio: [0, 1],
};
export const PERIODS = ['month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export type Definition =
  /** A count of a fact field (filtered, e.g. channel = crawler). */
  | { kind: 'count'; numerator: FactField; filter?: Partial<Record<Breakdown, string>> }
  /** numerator / denominator as a percentage, both counts (e.g. routed within the SLA of routed). */
  | { kind: 'share'; numerator: FactField; denominator: FactField }
  /** Mean of numerator per denominator (e.g. routing hours per routed signal), in the unit. */
  | { kind: 'mean'; numerator: FactField; denominator: FactField; divisor?: number }
  /** The latest value of a snapshot the daily job keeps (the size estimate). */
  | { kind: 'snapshot'; snapshot: 'size_estimate' }
  /** Figures a partner submits per period. */
  | { kind: 'partner' }
  /** Computed from a capability that is not there yet (cases, care): says so. */
  | { kind: 'pending'; requires: string };

export interface Indicator {
  id: string;
  actionLine: number;
  name: Label;
  definition: Definition;
  unit: Unit;
  period: Period;
  baseline: number | null;
  target: number | null;
  breakdowns: Breakdown[];
  source: 'computed' | 'partner';
  /** Where the figure comes from, in words. */
  sourceLabel: Label;
  builtIn: boolean;
}

const SIGNALS = label('Signalen (Ketenplein)', 'Signals (Ketenplein)');

export const BUILT_IN: readonly Indicator[] = [
  {
    id: 'signals_received',
    actionLine: 2,
    name: label('Ontvangen signalen', 'Signals received'),
    definition: { kind: 'count', numerator: 'signals' },
    unit: 'count',
    period: 'month',
    baseline: null,
    target: null,
    breakdowns: ['channel', 'form', 'region', 'municipality', 'minor'],
    source: 'computed',
    sourceLabel: SIGNALS,
    builtIn: true,
  },
  {
    id: 'routing_time',
    actionLine: 2,
    name: label('Tijd van ontvangst tot doorzetten', 'Time from intake to routing'),
    definition: { kind: 'mean', numerator: 'routing_hours', denominator: 'routed', divisor: 24 },
    unit: 'days',
    period: 'month',
    baseline: null,
    target: 5,
    breakdowns: ['channel', 'form', 'region'],
    source: 'computed',
    sourceLabel: SIGNALS,
    builtIn: true,
  },
  {
    id: 'acceptance_time',
    actionLine: 3,
    name: label('Tijd van ontvangst tot acceptatie', 'Time from intake to acceptance'),
    definition: { kind: 'mean', numerator: 'acceptance_hours', denominator: 'accepted', divisor: 24 },
    unit: 'days',
    period: 'month',
    baseline: null,
    target: 10,
    breakdowns: ['channel', 'form', 'region'],
    source: 'computed',
    sourceLabel: SIGNALS,
    builtIn: true,
  },
  {
    id: 'routed_within_sla',
    actionLine: 2,
    name: label('Aandeel binnen de termijn doorgezet', 'Share routed within the SLA'),
    definition: { kind: 'share', numerator: 'routed_within_sla', denominator: 'routed' },
    unit: 'percent',
    period: 'month',
    baseline: null,
    target: 90,
    breakdowns: ['channel', 'form', 'region'],
    source: 'computed',
    sourceLabel: SIGNALS,
    builtIn: true,
  },
  {
    id: 'crawler_clusters_to_triage',
    actionLine: 4,
    name: label('Webcrawler-clusters naar triage', 'Crawler clusters handed to triage'),
    definition: { kind: 'count', numerator: 'signals', filter: { channel: 'crawler' } },
    unit: 'count',
    period: 'month',
    baseline: null,
    target: null,
    breakdowns: ['form', 'region'],
    source: 'computed',
    sourceLabel: label('Signalen uit de webcrawler', 'Signals from the web crawler'),
    builtIn: true,
  },
  {
    id: 'size_estimate',
    actionLine: 5,
    name: label('Geschatte omvang (laatste schatting)', 'Estimated size (latest estimate)'),
    definition: { kind: 'snapshot', snapshot: 'size_estimate' },
    unit: 'count',
    period: 'year',
    baseline: null,
    target: null,
    breakdowns: [],
    source: 'computed',
    sourceLabel: label(
      'Schatting omvang (meervoudige systeemschatting)',
      'Size estimate (multiple systems estimation)',
    ),
    builtIn: true,
  },
  {
    id: 'cases_by_approach',
    actionLine: 4,
    name: label('Casussen naar aanpak en uitkomst', 'Cases by approach and outcome'),
    definition: { kind: 'pending', requires: 'cases' },
    unit: 'count',
    period: 'month',
    baseline: null,
    target: null,
    breakdowns: ['region', 'form'],
    source: 'computed',
    sourceLabel: label('Casusoverleg (nog niet beschikbaar)', 'Case consultation (not available yet)'),
    builtIn: true,
  },
  {
    id: 'shelter_occupancy',
    actionLine: 3,
    name: label('Plaatsingen, bezetting en wachttijd', 'Placements, occupancy and waiting time'),
    definition: { kind: 'pending', requires: 'care' },
    unit: 'count',
    period: 'month',
    baseline: null,
    target: null,
    breakdowns: ['region'],
    source: 'computed',
    sourceLabel: label('Zorg en opvang (nog niet beschikbaar)', 'Care and shelter (not available yet)'),
    builtIn: true,
  },
];

/** The raw definition of a new indicator, as the API receives it (checked field by field). */
export interface IndicatorInput {
  id: string;
  actionLine: number;
  name: Label;
  definition: Record<string, unknown>;
  unit: string;
  period: string;
  baseline?: number | null;
  target?: number | null;
  breakdowns?: string[];
  source: 'computed' | 'partner';
}

const KIND_FIELDS: Record<string, readonly string[]> = {
  count: ['kind', 'numerator', 'filter'],
  share: ['kind', 'numerator', 'denominator'],
  mean: ['kind', 'numerator', 'denominator', 'divisor'],
  partner: ['kind'],
};

function isFactField(value: unknown): value is FactField {
  return typeof value === 'string' && (FACT_FIELDS as readonly string[]).includes(value);
}

/**
 * Checks a new indicator: known kind and fields, numerator / denominator naming fact fields that exist,
 * breakdowns that exist, baseline and target inside the unit's range. Throws a 400 naming the field.
 */
export function checkDefinition(input: IndicatorInput): Indicator {
  if (BUILT_IN.some((i) => i.id === input.id)) {
    throw invalidInput(
      'id',
      label('Deze naam is al van een ingebouwde indicator', 'This id belongs to a built-in indicator'),
    );
  }
  if (!(UNITS as readonly string[]).includes(input.unit)) {
    throw invalidInput('unit', label(`Onbekende eenheid "${input.unit}"`, `Unknown unit "${input.unit}"`));
  }
  const unit = input.unit as Unit;
  if (!(PERIODS as readonly string[]).includes(input.period)) {
    throw invalidInput(
      'period',
      label(`Onbekende periode "${input.period}"`, `Unknown period "${input.period}"`),
    );
  }
  const kind = input.definition.kind;
  if (
    typeof kind !== 'string' ||
    !(kind in KIND_FIELDS) ||
    (input.source === 'partner') !== (kind === 'partner')
  ) {
    throw invalidInput(
      'definition.kind',
      label(
        'Soort definitie moet count, share of mean zijn (berekend) of partner (aangeleverd)',
        'Definition kind must be count, share or mean (computed) or partner (submitted)',
      ),
    );
  }
  for (const field of Object.keys(input.definition)) {
    if (!(KIND_FIELDS[kind] as readonly string[]).includes(field)) {
      throw invalidInput(
        `definition.${field}`,
        label(`Onbekend veld "${field}" in de definitie`, `Unknown field "${field}" in the definition`),
      );
    }
  }
  for (const part of ['numerator', 'denominator'] as const) {
    if (!(KIND_FIELDS[kind] as readonly string[]).includes(part)) continue;
    const value = input.definition[part];
    if (!isFactField(value)) {
      throw invalidInput(
        `definition.${part}`,
        label(
          `Het veld "${String(value)}" bestaat niet (bekend: ${FACT_FIELDS.join(', ')})`,
          `The field "${String(value)}" does not exist (known: ${FACT_FIELDS.join(', ')})`,
        ),
      );
    }
  }
  const filter = input.definition.filter;
  if (filter !== undefined) {
    if (typeof filter !== 'object' || filter === null) {
      throw invalidInput(
        'definition.filter',
        label('Filter moet een object zijn', 'Filter must be an object'),
      );
    }
    for (const [name, value] of Object.entries(filter)) {
      if (!(BREAKDOWNS as readonly string[]).includes(name) || typeof value !== 'string') {
        throw invalidInput(
          `definition.filter.${name}`,
          label(`Onbekend veld "${name}" in het filter`, `Unknown field "${name}" in the filter`),
        );
      }
    }
  }
  const divisor = input.definition.divisor;
  if (divisor !== undefined && !(typeof divisor === 'number' && divisor > 0)) {
    throw invalidInput('definition.divisor', label('Deler moet positief zijn', 'Divisor must be positive'));
  }
  for (const [i, b] of (input.breakdowns ?? []).entries()) {
    if (!(BREAKDOWNS as readonly string[]).includes(b)) {
      throw invalidInput(
        `breakdowns.${i}`,
        label(`Onbekende uitsplitsing "${b}"`, `Unknown breakdown "${b}"`),
      );
    }
  }
  const [low, high] = UNIT_RANGE[unit];
  for (const field of ['baseline', 'target'] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && !(value >= low && value <= high)) {
      throw invalidInput(
        field,
        label(
          `${field === 'target' ? 'Doel' : 'Nulmeting'} ${value} ligt buiten het bereik van de eenheid ${unit} (${low}–${high})`,
          `${field} ${value} lies outside the range of unit ${unit} (${low}–${high})`,
        ),
      );
    }
  }
  return {
    id: input.id,
    actionLine: input.actionLine,
    name: input.name,
    definition: input.definition as unknown as Definition,
    unit,
    period: input.period as Period,
    baseline: input.baseline ?? null,
    target: input.target ?? null,
    breakdowns: (input.breakdowns ?? []) as Breakdown[],
    source: input.source,
    sourceLabel:
      input.source === 'partner'
        ? label('Aangeleverd door partners', 'Submitted by partners')
        : label('Berekend uit Ketenplein', 'Computed from Ketenplein'),
    builtIn: false,
  };
}

/** Whether a period text fits the indicator's period (`2026-03`, `2026-Q1`, `2026`). */
export function periodFits(period: Period, value: string): boolean {
  if (period === 'month') return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
  if (period === 'quarter') return /^\d{4}-Q[1-4]$/.test(value);
  return /^\d{4}$/.test(value);
}
