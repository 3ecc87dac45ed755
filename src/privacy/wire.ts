import { z } from 'zod';
import { camelKey, camelKeys, DateOnly, Timestamp, wire } from '../server/wire.ts';
import { DECISIONS, LEGAL_GROUNDS, REQUEST_KINDS } from './register.ts';

/** The register of data-subject requests and its answers on the wire (camelCase), built from disclosed rows. */

const Label = z.object({ nl: z.string(), en: z.string() });

export const SubjectRequest = z.strictObject({
  id: z.uuid(),
  kind: z.enum(REQUEST_KINDS).optional(),
  reference: z.string().optional(),
  receivedOn: DateOnly.optional(),
  deadline: DateOnly.optional(),
  extendedUntil: DateOnly.nullable().optional(),
  extensionReason: z.string().nullable().optional(),
  status: z.enum(['open', 'extended', 'decided']).optional(),
  decision: z.enum(DECISIONS).nullable().optional(),
  decisionReason: z.string().nullable().optional(),
  legalGround: z.enum(LEGAL_GROUNDS).nullable().optional(),
  personIds: z.array(z.string()).optional(),
  createdBy: z.uuid().optional(),
  createdAt: Timestamp.optional(),
  decidedBy: z.uuid().nullable().optional(),
  decidedAt: Timestamp.nullable().optional(),
  overdue: z.boolean().optional(),
});

export function toSubjectRequest(row: object) {
  const { orgId: _org, ...rest } = camelKeys(row);
  return wire(SubjectRequest, rest);
}

/** What a capability shows of a found person (its personal-data interface decides which of these it holds). */
const PersonData = z.looseObject({
  givenNames: z.string().nullable().optional(),
  prefix: z.string().nullable().optional(),
  surname: z.string().nullable().optional(),
  dateOfBirth: DateOnly.nullable().optional(),
  bsn: z.string().nullable().optional().describe('masked'),
});

export const SearchResult = z.strictObject({
  persons: z.array(
    z.strictObject({
      personId: z.string().optional(),
      signalId: z.string().optional(),
      holding: z
        .string()
        .optional()
        .describe(
          'how the organisation holds the person, in the words of the capability (e.g. reported, received)',
        ),
      role: z.string().optional(),
      match: z.unknown().optional().describe('how the person matched: by, certainty, score, reasons'),
      data: PersonData.optional(),
      restricted: z.boolean().optional(),
    }),
  ),
  otherOrganisations: z.array(
    z.strictObject({
      organisationId: z.uuid(),
      organisation: z.string(),
      matchedOn: z.string(),
      contacts: z.unknown(),
      note: Label,
    }),
  ),
});

export function toSearchResult(result: { persons: object[]; otherOrganisations: object[] }) {
  return wire(SearchResult, result);
}

export const AccessReport = z.strictObject({
  request: z.strictObject({ id: z.uuid(), kind: z.string(), reference: z.string(), receivedOn: DateOnly }),
  generatedAt: Timestamp,
  controller: z.uuid(),
  records: z.array(
    z.looseObject({
      personId: z.string(),
      fields: z.array(z.string()).optional().describe('the person fields held, camelCase'),
    }),
  ),
});

/** The report with the names of the held fields as the API spells them. */
export function toAccessReport(report: { records: readonly Record<string, unknown>[] } & object) {
  return wire(AccessReport, {
    ...report,
    records: report.records.map((record) =>
      Array.isArray(record.fields) ? { ...record, fields: record.fields.map(String).map(camelKey) } : record,
    ),
  });
}

/** A person a capability did not restrict, erase or rectify; capabilities add where it is held (e.g. signalId). */
const Refusal = z.looseObject({
  personId: z.string(),
  legalGround: z.string(),
  signalId: z.string().optional(),
});

export const RestrictionResult = z.strictObject({
  requestId: z.uuid(),
  persons: z.array(z.string()),
  restricted: z.boolean(),
  refused: z.array(Refusal),
});

export const ErasureResult = z.strictObject({
  requestId: z.uuid(),
  erased: z.array(z.string()),
  refused: z.array(Refusal),
});

export const RectificationResult = z.strictObject({
  requestId: z.uuid(),
  personId: z.uuid(),
  fields: z.array(z.string()).describe('the fields changed'),
});
