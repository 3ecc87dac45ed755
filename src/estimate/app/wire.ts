import { z } from 'zod';
import { camelKeys, Timestamp, wire } from '../../server/wire.ts';

/**
 * Estimates and estimation rounds on the wire (camelCase), built from disclosed rows. The stored input,
 * settings and result are documents the estimate engine writes in camelCase already; they pass whole.
 */

const Document = z.record(z.string(), z.unknown());
const Status = z.enum(['queued', 'running', 'done', 'failed']);

export const Estimate = z.strictObject({
  id: z.uuid(),
  name: z.string().optional(),
  createdAt: Timestamp.optional(),
  createdBy: z.uuid().nullable().optional(),
  source: z.enum(['table', 'records', 'round']).optional(),
  roundId: z.uuid().nullable().optional(),
  rerunOf: z.uuid().nullable().optional(),
  input: Document.optional().describe('the stored capture table: lists, strata, rows'),
  settings: Document.optional(),
  status: Status.optional(),
  progressDone: z.number().int().optional(),
  progressTotal: z.number().int().optional(),
  result: Document.nullable().optional().describe('the estimate document (src/estimate/app/run.ts)'),
  error: z.string().nullable().optional(),
  finishedAt: Timestamp.nullable().optional(),
  reproduces: z.boolean().optional().describe('a re-run: whether the numbers are the same as the original'),
});

export function toEstimate(row: object) {
  return wire(Estimate, camelKeys(row));
}

export const EstimateSummary = z.strictObject({
  ...Estimate.pick({
    id: true,
    name: true,
    createdAt: true,
    source: true,
    roundId: true,
    rerunOf: true,
    status: true,
    settings: true,
    progressDone: true,
    progressTotal: true,
    error: true,
    finishedAt: true,
  }).shape,
  estimate: z.unknown().optional().describe('the headline estimate, when the result may be shown'),
  lists: z.array(z.string()).nullable().optional(),
  strata: z.array(z.string()).nullable().optional(),
});

export function toEstimateSummary(row: object) {
  return wire(EstimateSummary, camelKeys(row));
}

const Label = z.object({ nl: z.string(), en: z.string() });

export const RegistrationTable = z.strictObject({
  lists: z.array(z.strictObject({ name: z.string(), label: z.string(), organisations: z.number().int() })),
  strata: z.array(z.string()),
  rows: z.array(
    z.strictObject({
      pattern: z.string(),
      count: z.number(),
      stratum: z.record(z.string(), z.string()).optional(),
    }),
  ),
  registrations: z.number().int(),
  persons: z.number().int(),
  overlapping: z.number().int(),
  warnings: z.array(Label),
});

export const RegistrationPreview = z.strictObject({ table: RegistrationTable });
export const RegistrationEstimate = z.strictObject({ estimate: Estimate, table: RegistrationTable });

export const RoundSummary = z.strictObject({
  id: z.uuid(),
  name: z.string().optional(),
  createdAt: Timestamp.optional(),
  status: z.string().optional(),
  strata: z.array(z.string()).optional(),
  organisation: z.string().optional(),
  owner: z.boolean().optional(),
  lists: z.strictObject({ expected: z.number().int(), uploaded: z.number().int() }).optional(),
});

export function toRoundSummary(row: object) {
  return wire(RoundSummary, camelKeys(row));
}

export const Round = z.strictObject({
  id: z.uuid(),
  name: z.string().optional(),
  organisation: z.string().optional(),
  owner: z.boolean().optional(),
  createdAt: Timestamp.optional(),
  threshold: z.number().nullable().optional(),
  strata: z.array(z.string()).optional(),
  status: z.string().optional(),
  lists: z
    .array(
      z.strictObject({
        list: z.string(),
        organisation: z.strictObject({ id: z.uuid(), name: z.string() }),
        mine: z.boolean(),
        uploaded: z.boolean(),
        uploadedAt: Timestamp.nullable(),
        records: z.number().int().nullable().optional(),
      }),
    )
    .optional(),
  captureTable: Document.nullable().optional().describe('only for the organisation that opened the round'),
  clusters: z.number().int().nullable().optional(),
  error: z.string().nullable().optional(),
  linkedAt: Timestamp.nullable().optional(),
  estimateId: z.uuid().nullable().optional(),
});

export function toRound(row: object) {
  const out = camelKeys(row);
  if (Array.isArray(out.lists)) out.lists = out.lists.map((list: object) => camelKeys(list));
  return wire(Round, out);
}

export const Upload = z.strictObject({
  list: z.string(),
  records: z.number().int(),
  complete: z.boolean(),
});
