import { z } from 'zod';
import { camelKeys, DateOnly, Timestamp, wire } from '../server/wire.ts';

/**
 * Signals on the wire (camelCase) and the mappers that build them from disclosed rows. What a role
 * may not read is absent, so most fields are optional; the nested parts a reporter submitted
 * (indicators, location, vehicles, urls, handles) are already camelCase and pass as they are.
 */

const Label = z.object({ nl: z.string(), en: z.string() });

export const Receipt = z.strictObject({
  id: z.uuid(),
  state: z.string(),
  receivedAt: Timestamp,
  created: z.boolean(),
});

const Sla = z.strictObject({
  clock: z.enum(['first_assessment', 'acceptance']),
  elapsedWorkingDays: z.number(),
  remainingWorkingDays: z.number(),
  status: z.enum(['green', 'amber', 'red']),
  dueDate: DateOnly,
});

const Location = z.record(z.string(), z.unknown()).nullable();

export const QueueRow = z.strictObject({
  id: z.uuid(),
  channel: z.string().optional(),
  receivedAt: Timestamp.optional(),
  forms: z.array(z.string()).optional(),
  location: Location.optional(),
  involvesMinor: z.boolean().optional(),
  state: z.string().optional(),
  stateChangedAt: Timestamp.optional(),
  score: z.number().nullable().optional(),
  priority: z.string().nullable().optional(),
  recommendedRoute: z.string().nullable().optional(),
  route: z.string().nullable().optional(),
  routedOrgId: z.uuid().nullable().optional(),
  createdAt: Timestamp.optional(),
  sla: Sla.nullable().optional(),
  assignedTo: z.uuid().nullable().optional().describe('the colleague who works on it (not for the reporter)'),
});

export function toQueueRow(row: object) {
  return wire(QueueRow, camelKeys(row));
}

const Person = z.strictObject({
  role: z.string(),
  givenNames: z.string().nullable(),
  prefix: z.string().nullable(),
  surname: z.string().nullable(),
  alias: z.string().nullable(),
  dateOfBirth: DateOnly.nullable(),
  birthYear: z.number().int().nullable(),
  gender: z.string().nullable(),
  nationality: z.string().nullable(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  bsn: z.string().nullable().describe('masked'),
  minor: z.string(),
  remark: z.string().nullable(),
});

export const SignalView = z.strictObject({
  ...QueueRow.shape,
  externalReference: z.string().nullable().optional(),
  observedAt: DateOnly.nullable().optional(),
  indicators: z.array(z.looseObject({ code: z.string() })).optional(),
  narrative: z.string().optional(),
  persons: z.array(Person).optional(),
  companies: z
    .array(
      z.strictObject({
        name: z.string().nullable(),
        kvk: z.string().nullable(),
        // Stored as the submission gave it (jsonb), so an object, never a string.
        address: z
          .strictObject({
            street: z.string().optional(),
            houseNumber: z.string().optional(),
            postcode: z.string().optional(),
            city: z.string().optional(),
            country: z.string().optional(),
          })
          .nullable(),
        remark: z.string().nullable(),
      }),
    )
    .optional(),
  vehicles: z.array(z.record(z.string(), z.unknown())).optional(),
  urls: z.array(z.record(z.string(), z.unknown())).optional(),
  handles: z.array(z.record(z.string(), z.unknown())).optional(),
  statusHistory: z.array(z.strictObject({ state: z.string(), at: Timestamp })).optional(),
  reporterOrgId: z.uuid().optional(),
  triage: z
    .looseObject({ ruleSetVersion: z.number(), score: z.number(), priority: z.string() })
    .nullable()
    .optional(),
  rulesetVersion: z.number().int().nullable().optional(),
  outcome: z.string().nullable().optional(),
  history: z
    .array(
      z.strictObject({
        from: z.string(),
        to: z.string(),
        action: z.string(),
        detail: z.unknown(),
        note: z.string().nullable(),
        actorUserId: z.uuid().nullable(),
        actorOrgId: z.uuid().nullable(),
        actorRole: z.string().nullable(),
        at: Timestamp,
      }),
    )
    .optional(),
  linkNotices: z
    .array(z.strictObject({ organisationId: z.uuid(), organisation: z.string(), kinds: z.array(z.string()) }))
    .optional(),
});

export function toSignalView(row: object) {
  return wire(SignalView, camelKeys(row));
}

const LinkReason = z.looseObject({ kind: z.string(), label: Label.optional() });

export const LinkSuggestion = z.strictObject({
  id: z.uuid(),
  kind: z.string(),
  score: z.number(),
  reasons: z.array(LinkReason),
  status: z.enum(['suggested', 'confirmed', 'rejected']),
  decidedAt: Timestamp.nullable(),
  linkedSignalId: z.uuid(),
  linkedState: z.string(),
  linkedReceivedAt: Timestamp,
  linkedReporter: z.string(),
});

export function toLinkSuggestion(row: object) {
  return wire(LinkSuggestion, camelKeys(row));
}

export const Network = z.strictObject({
  signals: z.array(SignalView),
  links: z.array(
    z.strictObject({
      from: z.uuid(),
      to: z.uuid(),
      link: z.strictObject({
        id: z.uuid(),
        kind: z.string(),
        score: z.number(),
        reasons: z.array(LinkReason),
      }),
    }),
  ),
  truncated: z.boolean(),
});

export function toNetwork(network: { signals: object[]; links: object[]; truncated: boolean }) {
  return wire(Network, { ...network, signals: network.signals.map(toSignalView) });
}

export const TransitionResult = z.strictObject({
  id: z.uuid(),
  state: z.string(),
  transition: z.looseObject({ from: z.string(), to: z.string(), at: z.string() }),
});

export const LinkDecision = z.strictObject({
  id: z.uuid(),
  status: z.string(),
  rescored: z.array(z.record(z.string(), z.unknown())),
});

export const RuleSetVersion = z.strictObject({
  version: z.number().int(),
  name: z.string().optional(),
  rules: z.record(z.string(), z.unknown()).optional(),
  createdBy: z.uuid().nullable().optional(),
  createdAt: Timestamp.nullable().optional(),
});

export function toRuleSetVersion(row: object) {
  return wire(RuleSetVersion, camelKeys(row));
}

const ImportProblem = z.strictObject({
  line: z.number().int(),
  column: z.string().optional(),
  code: z.string(),
  message: z.string(),
});

export const ImportResult = z.strictObject({
  imported: z.array(z.strictObject({ line: z.number().int(), id: z.uuid() })),
  rejected: z.array(ImportProblem),
});
