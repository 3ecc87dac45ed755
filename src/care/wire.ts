import { z } from 'zod';
import { camelKeys, DateOnly, Timestamp } from '../server/wire.ts';

/** Care on the wire (camelCase). What a role may not read is absent, so most fields are optional. */

const Label = z.object({ nl: z.string(), en: z.string() });
const opt = <S extends z.ZodType>(schema: S) => schema.nullable().optional();

export const Created = z.object({ id: z.uuid() });

export const Consent = z.object({
  id: z.uuid(),
  scope: z.string(),
  givenOn: DateOnly,
  how: z.string(),
  withdrawnOn: DateOnly.nullable(),
  covers: z.array(z.string()).optional(),
});

export const Clock = z.object({ status: z.string(), daysLeft: z.number().int().nullable() });

export const ReflectionPeriod = z.object({
  id: z.uuid(),
  clientId: z.uuid().optional(),
  offeredOn: DateOnly,
  startedOn: DateOnly.nullable(),
  endsOn: DateOnly.nullable(),
  endedOn: DateOnly.nullable(),
  decision: z.string().nullable(),
  decisionOn: DateOnly.nullable(),
  permitAppliedOn: DateOnly.nullable(),
  permitDecision: z.string().nullable(),
  permitDecidedOn: DateOnly.nullable(),
  clock: Clock.optional(),
});

const Safety = z.object({
  factors: z.array(z.string()),
  level: z.string(),
  assessedOn: DateOnly,
  assessedBy: z.string(),
});

const Place = z.object({ municipalityCode: z.string().optional(), abroad: z.string().optional() });

export const ClientRow = z.object({
  id: z.uuid(),
  alias: opt(z.string()),
  givenNames: opt(z.string()),
  prefix: opt(z.string()),
  surname: opt(z.string()),
  gender: opt(z.string()),
  nationality: opt(z.string()),
  needs: z.array(z.string()).optional(),
  forms: z.array(z.string()).optional(),
  source: z.string().optional(),
  createdAt: Timestamp.optional(),
});

export const ClientView = ClientRow.extend({
  orgId: z.uuid().optional(),
  sourceSignalId: opt(z.uuid()),
  sourceReference: opt(z.uuid()),
  dateOfBirth: opt(DateOnly),
  estimatedAge: opt(z.number().int()),
  age: opt(z.number().int()),
  languages: z.array(z.string()).optional(),
  immigrationStatus: z.string().optional(),
  exploitationPlaces: z.array(Place).optional(),
  safety: opt(Safety),
  contactChannel: opt(z.string()),
  restrictedAt: opt(Timestamp),
  consents: z.array(Consent).optional(),
  reflectionPeriod: opt(ReflectionPeriod),
  placements: z
    .array(
      z.object({
        id: z.uuid(),
        state: z.string(),
        filedAt: Timestamp,
        placeId: z.uuid().nullable(),
        admittedOn: DateOnly.nullable(),
        dischargedOn: DateOnly.nullable(),
        destination: z.string().nullable(),
      }),
    )
    .optional(),
});

export const PlaceView = z.object({
  id: z.uuid(),
  locationId: z.uuid().optional(),
  orgId: z.uuid().optional(),
  organisation: z.string().optional(),
  location: z.string().optional(),
  municipalityCode: z.string().optional(),
  region: z.string().optional(),
  kind: z.string().optional(),
  capacity: z.number().int().optional(),
  occupancy: z.number().int().optional(),
  available: z.number().int().optional(),
  genders: z.array(z.string()).optional(),
  minAge: z.number().int().optional(),
  maxAge: z.number().int().optional(),
  needs: z.array(z.string()).optional(),
  figuresAt: Timestamp.optional(),
  stale: z.boolean().optional(),
});

const Step = z.object({
  action: z.string(),
  at: Timestamp,
  by: z.string(),
  orgId: z.string(),
  placeId: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
});

export const RequestView = z.object({
  id: z.uuid(),
  clientId: z.uuid().optional(),
  coordinatorOrgId: z.uuid().optional(),
  needs: z.array(z.string()).optional(),
  gender: z.string().optional(),
  age: z.number().int().optional(),
  avoidRegions: z.array(z.string()).optional(),
  avoidMunicipalities: z.array(z.string()).optional(),
  state: z.string().optional(),
  placeId: opt(z.uuid()),
  shelterOrgId: opt(z.uuid()),
  history: z.array(Step).optional(),
  filedAt: Timestamp.optional(),
  admittedOn: opt(DateOnly),
  dischargedOn: opt(DateOnly),
  destination: opt(z.string()),
  waitingDays: z.number().int().optional(),
});

export const Match = z.object({
  version: z.number().int(),
  ranked: z.array(
    z.object({
      placeId: z.uuid(),
      score: z.number(),
      reasons: z.array(z.object({ code: z.string(), points: z.number(), label: Label })),
      place: PlaceView,
    }),
  ),
  excluded: z.number().int(),
});

export const SafeAddress = z.object({
  placementId: z.uuid(),
  clientId: z.uuid().optional(),
  address: z.string(),
  recordedAt: Timestamp,
});

export const Overview = z.object({
  smallCell: z.number().int(),
  rows: z.array(
    z.object({
      kind: z.string(),
      region: z.string(),
      capacity: z.number().int(),
      occupancy: z.number().int().nullable(),
      waiting: z.number().int().nullable(),
      stalePlaces: z.number().int(),
      suppressed: z.array(z.string()),
    }),
  ),
  unassignedWaiting: z.number().int().nullable(),
});

export const TransitionResult = z.object({ id: z.uuid(), state: z.string() });
export const StepResult = z.object({ id: z.uuid(), clock: Clock.optional() });

/** A disclosed row with nested arrays of rows: every level in camelCase. */
export function deepCamel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCamel);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(camelKeys(value)).map(([key, inner]) => [key, deepCamel(inner)]),
    );
  }
  return value;
}

/** A registration with CoMensha: the monitor variables; `person` for CoMensha, `sourceClientId` for the partner. */
export const Registration = z.object({
  id: z.uuid(),
  reportingOrgType: z.string().optional(),
  registeredOn: DateOnly.optional(),
  sex: z.string().optional(),
  age: z.number().int().optional(),
  ageEstimated: z.boolean().optional(),
  minor: z.boolean().optional(),
  nationality: z.string().optional(),
  forms: z.array(z.string()).optional(),
  exploitedIn: z.string().optional(),
  person: z.string().optional(),
  sourceClientId: z.uuid().nullable().optional(),
  createdAt: Timestamp.optional(),
});

const FigureCell = z.object({
  dimensions: z.record(z.string(), z.string()),
  value: z.number().int().nullable(),
  suppressed: z.boolean(),
});

/** CoMensha's yearly table: de-duplicated persons per monitor variable, small cells suppressed. */
export const RegistrationFigures = z.object({
  year: z.number().int(),
  registrations: z.number().int().nullable(),
  cells: z.array(FigureCell),
  totals: z.array(FigureCell),
  rule: z.object({ threshold: z.number().int(), method: z.string(), description: Label }),
});

export const Trajectory = z.object({
  id: z.uuid(),
  clientId: z.uuid().optional(),
  outcome: z.string().nullable().optional(),
  closedOn: DateOnly.nullable().optional(),
  createdAt: Timestamp.optional(),
  phases: z
    .array(
      z.object({
        id: z.uuid(),
        position: z.number().int(),
        phase: z.string(),
        providerOrgId: z.uuid(),
        provider: z.string(),
        state: z.string(),
        startedOn: DateOnly.nullable(),
        endedOn: DateOnly.nullable(),
      }),
    )
    .optional(),
  handovers: z
    .array(
      z.object({
        id: z.uuid(),
        phase: z.string(),
        fields: z.array(z.string()),
        state: z.string(),
        reason: z.string().nullable(),
        proposedOn: DateOnly,
        decidedAt: Timestamp.nullable(),
      }),
    )
    .optional(),
});

/** A handover as the receiving provider sees it: the phase and what the consent let travel. */
export const Handover = z.object({
  id: z.uuid(),
  phase: z.string().optional(),
  fields: z.array(z.string()).optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
  state: z.string().optional(),
  reason: z.string().nullable().optional(),
  proposedOn: DateOnly.optional(),
  decidedAt: Timestamp.nullable().optional(),
  sourceErasedAt: Timestamp.nullable()
    .optional()
    .describe('the sender erased the client file (AVG art. 19): decide on this copy'),
});

export const MissingReport = z.object({
  id: z.uuid(),
  givenNames: z.string().optional(),
  surname: z.string().optional(),
  dateOfBirth: DateOnly.nullable().optional().describe('null once erased on request (AVG art. 17)'),
  kind: z.string().optional(),
  missingSince: Timestamp.optional(),
  description: z.string().optional(),
  riskFactors: z.array(z.string()).optional(),
  earlierAbsences: z.number().int().optional(),
  risk: z.string().optional(),
  state: z.string().optional(),
  returnedAt: Timestamp.nullable().optional(),
  createdAt: Timestamp.optional(),
  institution: z.string().optional(),
  police: z.string().optional(),
  timeline: z
    .array(z.object({ kind: z.string(), note: z.string().nullable(), at: Timestamp, author: z.string() }))
    .optional(),
});
