import { z } from 'zod';
import { FORM_CODES } from '../domain/forms.ts';
import { isIndicatorCode } from '../domain/indicators.ts';
import type { ValidationError } from '../domain/validate/result.ts';
import { addValidationIssue, toValidationErrors } from './errors.ts';
import { ROUTE_CODES } from './routes.ts';
import { uniqueBy } from './unique.ts';
import { LINK_KINDS } from './vocabulary.ts';

export { LINK_KINDS, type LinkKind } from './vocabulary.ts';

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

const label = z.strictObject({ nl: z.string().min(1), en: z.string().min(1) });
const weight = z.number().min(-100).max(100);
const indicatorCode = z.string().refine(isIndicatorCode, {
  message: 'unknown indicator code',
  params: { code: 'indicator_unknown', nl: 'Onbekende indicatorcode', en: 'Unknown indicator code' },
});

const condition = z
  .strictObject({
    formsAny: z.array(z.enum(FORM_CODES)).min(1).optional(),
    indicatorsAny: z.array(indicatorCode).min(1).optional(),
    minor: z.boolean().optional(),
    minScore: z.number().optional(),
    /** The signal is about a place outside the Netherlands (or a border crossing). */
    abroad: z.boolean().optional(),
    hasPossibleVictim: z.boolean().optional(),
  })
  .default({});

function checkBands(bands: { minScore: number }[], ctx: z.RefinementCtx): void {
  for (let i = 1; i < bands.length; i++) {
    if (bands[i].minScore >= bands[i - 1].minScore) {
      addValidationIssue(
        ctx,
        {
          code: 'priorities_order',
          message: {
            nl: 'Prioriteitsgrenzen moeten van hoog naar laag lopen',
            en: 'Priority bands must go from high to low',
          },
        },
        [i, 'minScore'],
      );
    }
  }
  if (bands.length > 0 && bands[bands.length - 1].minScore > 0) {
    addValidationIssue(
      ctx,
      {
        code: 'priorities_gap',
        message: {
          nl: 'De laatste prioriteitsgrens moet 0 of lager zijn, zodat elke score een prioriteit krijgt',
          en: 'The last priority band must start at 0 or lower, so every score gets a priority',
        },
      },
      [bands.length - 1, 'minScore'],
    );
  }
}

/**
 * A triage rule set. It is data: stored in the database, edited by a triage admin, and each scored
 * signal records the version that scored it. A new version is a new rule set; old ones stay readable.
 */
export const ruleSetSchema = z.strictObject({
  version: z.int().min(1),
  name: z.string().min(1).max(200),
  indicators: z.strictObject({
    defaultWeight: weight,
    weights: z.record(indicatorCode, weight).default({}),
    /** Cap on the points from the indicators of one form, so a long checklist cannot dominate. */
    maxPerForm: z.number().min(0).optional(),
  }),
  forms: z.partialRecord(z.enum(FORM_CODES), weight).default({}),
  minor: z.strictObject({ minor: weight, possiblyMinor: weight }),
  repeatLinks: z.strictObject({
    perEarlierSignal: z.partialRecord(z.enum(LINK_KINDS), weight),
    max: z.number().min(0),
  }),
  /** Score bands from high to low; the last must start at 0 so every score gets a priority. */
  priorities: z
    .array(z.strictObject({ priority: z.enum(PRIORITIES), minScore: z.number() }))
    .min(1)
    .superRefine(checkBands),
  /** A minor raises the priority to at least this. */
  minorMinimumPriority: z.enum(PRIORITIES).optional(),
  /** Evaluated in order; the first rule whose conditions all hold gives the route. */
  routes: z
    .array(
      z.strictObject({ id: z.string().min(1), when: condition, route: z.enum(ROUTE_CODES), reason: label }),
    )
    .superRefine(uniqueBy((rule: { id: string }) => rule.id, 'Dubbele regel-id', 'Duplicate rule id')),
  defaultRoute: z.strictObject({ route: z.enum(ROUTE_CODES), reason: label }),
});

export type RuleSet = z.output<typeof ruleSetSchema>;
export type RouteCondition = RuleSet['routes'][number]['when'];

export type ParsedRuleSet = { ok: true; ruleSet: RuleSet } | { ok: false; errors: ValidationError[] };

export function parseRuleSet(input: unknown): ParsedRuleSet {
  const result = ruleSetSchema.safeParse(input);
  if (result.success) return { ok: true, ruleSet: result.data };
  return { ok: false, errors: toValidationErrors(result.error, input) };
}
