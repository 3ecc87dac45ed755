import { sql } from 'kysely';
import { type AccessTx, withSystem } from '../access/context.ts';
import type {
  DisclosureContext,
  FoundPerson,
  PersonalData,
  Rectification,
  Refusal,
  SubjectQuery,
  SubjectRightsContext,
} from '../capability.ts';
import { addMonths } from '../domain/calendar.ts';
import { dutchDate } from '../domain/validate/date.ts';
import { dedupeRegistry } from '../linkage/index.ts';
import { careGrants, missingMinorGrants, registrationGrants, trajectoryGrants } from './grants.ts';
import { encodingOf, registryEncoder } from './registrations.ts';
import './tables.ts';

/**
 * Care's persons under the data-subject rights. Privacy reaches them only through this object (the care
 * manifest's `personalData`). Queries run under the privacy officer's transaction: row-level security and an
 * explicit organisation filter keep them to what the own organisation holds. Four kinds of record (`holding`):
 *
 * - `client`: the client file of a care coordination, with its consents, placements (never the safe address
 *   in the answer), reflection period, trajectories with their phases and the handovers it sent;
 * - `handover_copy`: what a receiving provider got in a handover (the payload), held by that provider;
 * - `comensha_registration`: a registration with CoMensha. It holds no name: it is found by encoding the
 *   searched identity with the installation's registry key (RegistryEncoder) and de-duplicating it against
 *   the organisation's own registrations, never by comparing plaintext;
 * - `missing_minor`: a youth care institution's missing-minor report with its shared timeline.
 *
 * Erasing a client and the receiving provider's copy (AVG art. 17 and 19): a handover the receiver confirmed
 * is that provider's file now (it gives the follow-up care, under its own duties), and the one row is shared
 * (care_handovers, read by both). Erasing the client therefore does not delete the receiver's copy silently:
 * it marks the handover `source_erased_at`, which the receiver sees on its incoming handovers (the art. 19
 * notification of the recipient), audited as `art_19`; the receiver's own privacy officer finds the copy and
 * erases it. A handover not (yet) confirmed never became the receiver's: its payload is erased with the client.
 */
const RETENTION_MONTHS = 60;
const IDENTITY = [
  'alias',
  'given_names',
  'prefix',
  'surname',
  'date_of_birth',
  'estimated_age',
  'gender',
  'nationality',
  'languages',
  'exploitation_places',
  'safety',
  'contact_channel',
] as const;

function own(tx: AccessTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx.db
    .selectFrom('care_clients')
    .selectAll()
    .where('org_id', '=', tx.actor.orgId)
    .where('id', 'in', [...ids])
    .execute();
}

function erased(row: {
  alias: string | null;
  surname: string | null;
  given_names: string | null;
  date_of_birth: string | null;
}) {
  return (
    row.alias === ERASED && row.surname === null && row.given_names === null && row.date_of_birth === null
  );
}

const ERASED = '[gewist / erased]';

const HANDOVER_COPY_ERASED = JSON.stringify({});
const CARE_BASIS = () =>
  careGrants.find((grant) => grant.resource === 'care_client' && grant.effect !== 'deny')?.legalBasis ?? '';
const basisOf = (resource: string, orgType?: string) =>
  [...trajectoryGrants, ...registrationGrants, ...missingMinorGrants].find(
    (grant) =>
      grant.resource === resource &&
      grant.effect !== 'deny' &&
      (!orgType || !grant.orgTypes || grant.orgTypes.includes(orgType as never)),
  )?.legalBasis ?? '';

type Kind = 'client' | 'handover_copy' | 'comensha_registration' | 'missing_minor';

/** Which of the ids are which kind of record of the own organisation. */
async function kinds(tx: AccessTx, ids: readonly string[]): Promise<Map<string, Kind>> {
  const out = new Map<string, Kind>();
  if (ids.length === 0) return out;
  const list = [...ids];
  for (const row of await own(tx, list)) out.set(row.id, 'client');
  const copies = await tx.db
    .selectFrom('care_handovers')
    .select('id')
    .where('to_org_id', '=', tx.actor.orgId)
    .where('id', 'in', list)
    .execute();
  for (const row of copies) out.set(row.id, 'handover_copy');
  const registrations = await tx.db
    .selectFrom('victim_registrations')
    .select('id')
    .where('org_id', '=', tx.actor.orgId)
    .where('id', 'in', list)
    .execute();
  for (const row of registrations) out.set(row.id, 'comensha_registration');
  const missing = await tx.db
    .selectFrom('missing_minors')
    .select('id')
    .where('org_id', '=', tx.actor.orgId)
    .where('id', 'in', list)
    .execute();
  for (const row of missing) out.set(row.id, 'missing_minor');
  return out;
}

function ofKind(map: Map<string, Kind>, kind: Kind): string[] {
  return [...map].filter(([, k]) => k === kind).map(([id]) => id);
}

/** The own organisation's registrations that the searched identity's encoding de-duplicates with. */
async function registrationsOfSubject(tx: AccessTx, context: DisclosureContext, query: SubjectQuery) {
  if ('bsn' in query) return [];
  const rows = await tx.db
    .selectFrom('victim_registrations')
    .select(['id', 'encoding', 'registered_on', 'sex'])
    .where('org_id', '=', tx.actor.orgId)
    .where('encoding', 'is not', null)
    .execute();
  if (rows.length === 0) return [];
  // The searched identity is encoded as a registration would be, and only encodings are compared.
  const probe = registryEncoder(context.cipher).encode({
    givenName: query.givenNames,
    prefix: query.prefix,
    familyName: query.surname,
    dateOfBirth: query.dateOfBirth,
  });
  const encodings = [probe, ...rows.map((row) => encodingOf(row.encoding))].filter((e) => e !== null);
  // Each registration its own source: the probe may group with every registration of the same person.
  const { person } = dedupeRegistry(encodings, ['probe', ...rows.map((row) => row.id)]);
  return rows.filter((_, i) => person[i + 1] === person[0]);
}

const handoverSurname = sql<string>`lower(payload->'identity'->>'surname')`;
const handoverBirth = sql<string>`payload->>'dateOfBirth'`;

async function openPlacements(tx: AccessTx, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await tx.db
    .selectFrom('placement_requests')
    .select('client_id')
    .where('client_id', 'in', [...ids])
    .where('state', 'in', ['proposed', 'accepted', 'admitted'])
    .execute();
  return new Set(rows.map((row) => row.client_id));
}

/**
 * Removes the identity of a client; placements stay as numbers (no name, no safe address, no notes), the
 * link from a CoMensha registration goes, and the handovers it sent are erased or, once the receiver
 * confirmed them, the receiver is notified (art. 19; see above). Returns the handovers whose receiver is told.
 */
async function scrub(tx: AccessTx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  await tx.db
    .deleteFrom('care_safe_addresses')
    .where('client_id', 'in', [...ids])
    .execute();
  const placements = await tx.db
    .selectFrom('placement_requests')
    .select(['id', 'history'])
    .where('client_id', 'in', [...ids])
    .where('coordinator_org_id', '=', tx.actor.orgId)
    .execute();
  for (const placement of placements) {
    const steps = (placement.history ?? []) as Record<string, unknown>[];
    await tx.db
      .updateTable('placement_requests')
      .set({
        destination: null,
        history: JSON.stringify(steps.map((step) => ({ ...step, note: null, reason: null }))),
      })
      .where('id', '=', placement.id)
      .execute();
  }
  await tx.db
    .updateTable('victim_registrations')
    .set({ source_client_id: null })
    .where('org_id', '=', tx.actor.orgId)
    .where('source_client_id', 'in', [...ids])
    .execute();
  const handovers = await tx.db
    .selectFrom('care_handovers as h')
    .innerJoin('care_trajectories as t', 't.id', 'h.trajectory_id')
    .select(['h.id', 'h.state'])
    .where('h.org_id', '=', tx.actor.orgId)
    .where('t.client_id', 'in', [...ids])
    .execute();
  const notified = handovers.filter((h) => h.state === 'confirmed').map((h) => h.id);
  const withdrawn = handovers.filter((h) => h.state !== 'confirmed').map((h) => h.id);
  const at = new Date();
  if (withdrawn.length > 0) {
    await tx.db
      .updateTable('care_handovers')
      .set({ payload: HANDOVER_COPY_ERASED, source_erased_at: at })
      .where('id', 'in', withdrawn)
      .execute();
  }
  if (notified.length > 0) {
    await tx.db
      .updateTable('care_handovers')
      .set({ source_erased_at: at })
      .where('id', 'in', notified)
      .execute();
  }
  await tx.db
    .updateTable('care_clients')
    .set({
      alias: ERASED,
      given_names: null,
      prefix: null,
      surname: null,
      date_of_birth: null,
      estimated_age: null,
      nationality: null,
      languages: [],
      exploitation_places: JSON.stringify([]),
      safety: null,
      contact_channel: null,
    })
    .where('id', 'in', [...ids])
    .execute();
  return notified;
}

/** The client file (and what hangs on it) as one inzage record. */
async function clientRecords(tx: AccessTx, ids: readonly string[]): Promise<FoundPerson[]> {
  const rows = await own(tx, ids);
  if (rows.length === 0) return [];
  const clientIds = rows.map((r) => r.id);
  const consents = await tx.db
    .selectFrom('care_consents')
    .selectAll()
    .where('client_id', 'in', clientIds)
    .execute();
  const periods = await tx.db
    .selectFrom('reflection_periods')
    .selectAll()
    .where('client_id', 'in', clientIds)
    .execute();
  const placements = await tx.db
    .selectFrom('placement_requests as p')
    .leftJoin('organisations as o', 'o.id', 'p.shelter_org_id')
    .select([
      'p.id',
      'p.client_id',
      'p.state',
      'p.filed_at',
      'p.admitted_on',
      'p.discharged_on',
      'p.destination',
      'o.name as shelter',
    ])
    .where('p.client_id', 'in', clientIds)
    .execute();
  const trajectories = await tx.db
    .selectFrom('care_trajectories')
    .selectAll()
    .where('client_id', 'in', clientIds)
    .where('org_id', '=', tx.actor.orgId)
    .execute();
  const trajectoryIds = trajectories.map((t) => t.id);
  const phases = trajectoryIds.length
    ? await tx.db
        .selectFrom('care_trajectory_phases as p')
        .innerJoin('organisations as o', 'o.id', 'p.provider_org_id')
        .select([
          'p.trajectory_id',
          'p.position',
          'p.phase',
          'p.state',
          'p.started_on',
          'p.ended_on',
          'o.name',
        ])
        .where('p.trajectory_id', 'in', trajectoryIds)
        .orderBy('p.position')
        .execute()
    : [];
  const handovers = trajectoryIds.length
    ? await tx.db
        .selectFrom('care_handovers as h')
        .innerJoin('organisations as o', 'o.id', 'h.to_org_id')
        .select([
          'h.trajectory_id',
          'h.phase',
          'h.fields',
          'h.state',
          'h.proposed_on',
          'h.source_erased_at',
          'o.name as recipient',
        ])
        .where('h.trajectory_id', 'in', trajectoryIds)
        .where('h.org_id', '=', tx.actor.orgId)
        .execute()
    : [];
  const basis = CARE_BASIS();
  return rows.map((row) => ({
    personId: row.id,
    holding: 'client',
    role: 'client',
    fields: IDENTITY.filter((field) => {
      const value = row[field];
      return value !== null && !(Array.isArray(value) && value.length === 0);
    }),
    data: {
      alias: row.alias,
      givenNames: row.given_names,
      prefix: row.prefix,
      surname: row.surname,
      dateOfBirth: row.date_of_birth,
      estimatedAge: row.estimated_age,
      gender: row.gender,
      nationality: row.nationality,
      languages: row.languages,
      immigrationStatus: row.immigration_status,
      forms: row.forms,
      needs: row.needs,
      contactChannel: row.contact_channel,
      consents: consents
        .filter((c) => c.client_id === row.id)
        .map((c) => ({ scope: c.scope, givenOn: c.given_on, how: c.how, withdrawnOn: c.withdrawn_on })),
      reflectionPeriod: periods.find((p) => p.client_id === row.id) ?? null,
      // Where the client stays (the safe address) is not given in an answer that may travel by post.
      placements: placements
        .filter((p) => p.client_id === row.id)
        .map((p) => ({
          state: p.state,
          shelter: p.shelter,
          filedAt: p.filed_at.toISOString(),
          admittedOn: p.admitted_on,
          dischargedOn: p.discharged_on,
        })),
      trajectories: trajectories
        .filter((t) => t.client_id === row.id)
        .map((t) => ({
          outcome: t.outcome,
          closedOn: t.closed_on,
          phases: phases
            .filter((p) => p.trajectory_id === t.id)
            .map((p) => ({
              phase: p.phase,
              provider: p.name,
              state: p.state,
              startedOn: p.started_on,
              endedOn: p.ended_on,
            })),
          // The recipients of the client's data (art. 15(1)(c)): which fields went to whom.
          handovers: handovers
            .filter((h) => h.trajectory_id === t.id)
            .map((h) => ({
              recipient: h.recipient,
              phase: h.phase,
              fields: h.fields,
              state: h.state,
              proposedOn: h.proposed_on,
              recipientNotifiedOfErasureAt: h.source_erased_at?.toISOString() ?? null,
            })),
        })),
    },
    legalBasis: basis,
    retention: {
      until: null,
      rule: `${RETENTION_MONTHS} maanden na de laatste uitstroom / ${RETENTION_MONTHS} months after the last discharge`,
    },
    restricted: row.restricted_at !== null,
    erased: erased(row),
  }));
}

function copyErased(payload: unknown) {
  const value = typeof payload === 'string' ? JSON.parse(payload) : payload;
  return !value || Object.keys(value as object).length === 0;
}

function payloadOf(payload: unknown): Record<string, unknown> {
  return ((typeof payload === 'string' ? JSON.parse(payload) : payload) ?? {}) as Record<string, unknown>;
}

async function handoverRecords(tx: AccessTx, ids: readonly string[]): Promise<FoundPerson[]> {
  if (ids.length === 0) return [];
  const rows = await tx.db
    .selectFrom('care_handovers as h')
    .innerJoin('organisations as o', 'o.id', 'h.org_id')
    .select([
      'h.id',
      'h.phase',
      'h.fields',
      'h.payload',
      'h.state',
      'h.proposed_on',
      'h.source_erased_at',
      'o.name as source',
    ])
    .where('h.to_org_id', '=', tx.actor.orgId)
    .where('h.id', 'in', [...ids])
    .execute();
  return rows.map((row) => ({
    personId: row.id,
    holding: 'handover_copy',
    role: 'client',
    fields: row.fields,
    data: {
      ...payloadOf(row.payload),
      handedOverBy: row.source,
      phase: row.phase,
      state: row.state,
      proposedOn: row.proposed_on,
      sourceErasedAt: row.source_erased_at?.toISOString() ?? null,
    },
    legalBasis: basisOf('care_handover', 'shelter'),
    retention: {
      until: null,
      rule: 'zolang de vervolgzorg loopt; de eigen bewaarplicht van de aanbieder / while the follow-up care runs; the provider’s own retention duty',
    },
    restricted: false,
    erased: copyErased(row.payload),
  }));
}

async function registrationRecords(tx: AccessTx, ids: readonly string[]): Promise<FoundPerson[]> {
  if (ids.length === 0) return [];
  const rows = await tx.db
    .selectFrom('victim_registrations')
    .select([
      'id',
      'registered_on',
      'reporting_org_type',
      'sex',
      'age',
      'age_estimated',
      'minor',
      'nationality',
      'forms',
      'exploited_in',
      'erased_at',
    ])
    .where('org_id', '=', tx.actor.orgId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((row) => ({
    personId: row.id,
    holding: 'comensha_registration',
    role: 'possible_victim',
    fields: row.erased_at
      ? ['registered_on', 'sex', 'age', 'nationality', 'forms', 'exploited_in']
      : ['registered_on', 'sex', 'age', 'nationality', 'forms', 'exploited_in', 'encoding'],
    data: {
      registeredOn: row.registered_on,
      reportingOrgType: row.reporting_org_type,
      sex: row.sex,
      age: row.age,
      ageEstimated: row.age_estimated,
      minor: row.minor,
      nationality: row.nationality,
      forms: row.forms,
      exploitedIn: row.exploited_in,
      encoding: row.erased_at
        ? null
        : 'versleutelde code van naam en geboortedatum (geen naam opgeslagen) / keyed encoding of name and date of birth (no name stored)',
    },
    legalBasis: basisOf('victim_registration'),
    retention: {
      until: null,
      rule: 'de slachtoffermonitor van de Nationaal Rapporteur; op verzoek gewist tot anonieme telling / the National Rapporteur’s victim monitor; on request erased to an anonymous count',
    },
    restricted: false,
    erased: row.erased_at !== null,
  }));
}

async function missingRecords(tx: AccessTx, ids: readonly string[]): Promise<FoundPerson[]> {
  if (ids.length === 0) return [];
  const rows = await tx.db
    .selectFrom('missing_minors as m')
    .innerJoin('organisations as p', 'p.id', 'm.police_org_id')
    .select([
      'm.id',
      'm.given_names',
      'm.surname',
      'm.date_of_birth',
      'm.kind',
      'm.missing_since',
      'm.description',
      'm.risk_factors',
      'm.earlier_absences',
      'm.risk',
      'm.state',
      'm.returned_at',
      'm.erased_at',
      'p.name as police',
    ])
    .where('m.org_id', '=', tx.actor.orgId)
    .where('m.id', 'in', [...ids])
    .execute();
  const events = await tx.db
    .selectFrom('missing_minor_events')
    .select(['report_id', 'kind', 'note', 'at'])
    .where('report_id', 'in', [...ids])
    .orderBy('at')
    .execute();
  return rows.map((row) => ({
    personId: row.id,
    holding: 'missing_minor',
    role: 'minor',
    fields: row.erased_at
      ? []
      : ['given_names', 'surname', 'date_of_birth', 'description', 'risk_factors', 'timeline'],
    data: {
      givenNames: row.given_names,
      surname: row.surname,
      dateOfBirth: row.date_of_birth,
      kind: row.kind,
      missingSince: row.missing_since.toISOString(),
      description: row.description,
      riskFactors: row.risk_factors,
      earlierAbsences: row.earlier_absences,
      risk: row.risk,
      state: row.state,
      returnedAt: row.returned_at?.toISOString() ?? null,
      // The recipient of the report (art. 15(1)(c)).
      sharedWith: row.police,
      timeline: events
        .filter((e) => e.report_id === row.id)
        .map((e) => ({ kind: e.kind, note: e.note, at: e.at.toISOString() })),
    },
    legalBasis: basisOf('missing_minor', 'youth_care'),
    retention: {
      until: null,
      rule: 'tot de terugkeer; daarna op verzoek gewist (Jeugdwet art. 7.3.9) / until the return; then erased on request',
    },
    restricted: false,
    erased: row.erased_at !== null,
  }));
}

const STILL_MISSING =
  'De minderjarige is nog vermist: de melding blijft staan tot de terugkeer (vitaal belang, AVG art. 6(1)(d) en 17(3)(b); Jeugdwet art. 7.4.0) / the minor is still missing: the report stays until the return (vital interest)';
const NOT_RESTRICTABLE =
  'Beperking geldt in de zorg voor het cliëntdossier; dit record kan worden gewist of gecorrigeerd / restriction applies to the client file in care; this record can be erased or rectified';

export const carePersonalData: PersonalData = {
  async find(tx, context, query) {
    if ('bsn' in query) return { persons: [], otherHolders: [] };
    const surname = query.surname.toLowerCase();
    const rows = await tx.db
      .selectFrom('care_clients')
      .selectAll()
      .where('org_id', '=', tx.actor.orgId)
      .where((eb) => eb(eb.fn('lower', ['surname']), '=', surname))
      .where('date_of_birth', '=', query.dateOfBirth)
      .execute();
    const persons: FoundPerson[] = rows.map((row) => ({
      personId: row.id,
      holding: 'client',
      role: 'client',
      match: { by: 'name_and_date_of_birth', certainty: 'match' },
      data: {
        givenNames: row.given_names,
        prefix: row.prefix,
        surname: row.surname,
        dateOfBirth: row.date_of_birth,
      },
      restricted: row.restricted_at !== null,
    }));
    // What a provider received in a handover (its copy), by the name and date of birth it carries.
    const copies = await tx.db
      .selectFrom('care_handovers')
      .select(['id', 'payload'])
      .where('to_org_id', '=', tx.actor.orgId)
      .where(handoverSurname, '=', surname)
      .where(handoverBirth, '=', query.dateOfBirth)
      .execute();
    for (const copy of copies) {
      const identity = (payloadOf(copy.payload).identity ?? {}) as Record<string, unknown>;
      persons.push({
        personId: copy.id,
        holding: 'handover_copy',
        role: 'client',
        match: { by: 'name_and_date_of_birth', certainty: 'match' },
        data: {
          givenNames: (identity.givenNames as string | null) ?? null,
          prefix: (identity.prefix as string | null) ?? null,
          surname: (identity.surname as string | null) ?? null,
          dateOfBirth: query.dateOfBirth,
        },
        restricted: false,
      });
    }
    // CoMensha registrations hold no name: found through the keyed encoding of the searched identity.
    for (const registration of await registrationsOfSubject(tx, context, query)) {
      persons.push({
        personId: registration.id,
        holding: 'comensha_registration',
        role: 'possible_victim',
        match: { by: 'keyed_encoding', certainty: 'probable' },
        data: {},
        restricted: false,
      });
    }
    const missing = await tx.db
      .selectFrom('missing_minors')
      .select(['id', 'given_names', 'surname', 'date_of_birth'])
      .where('org_id', '=', tx.actor.orgId)
      .where('erased_at', 'is', null)
      .where((eb) => eb(eb.fn('lower', ['surname']), '=', surname))
      .where('date_of_birth', '=', query.dateOfBirth)
      .execute();
    for (const row of missing) {
      persons.push({
        personId: row.id,
        holding: 'missing_minor',
        role: 'minor',
        match: { by: 'name_and_date_of_birth', certainty: 'match' },
        data: { givenNames: row.given_names, surname: row.surname, dateOfBirth: row.date_of_birth },
        restricted: false,
      });
    }
    return { persons, otherHolders: [] };
  },
  async held(tx, ids) {
    return [...(await kinds(tx, ids)).keys()];
  },
  async report(tx, _context, ids) {
    const map = await kinds(tx, ids);
    return [
      ...(await clientRecords(tx, ofKind(map, 'client'))),
      ...(await handoverRecords(tx, ofKind(map, 'handover_copy'))),
      ...(await registrationRecords(tx, ofKind(map, 'comensha_registration'))),
      ...(await missingRecords(tx, ofKind(map, 'missing_minor'))),
    ];
  },
  async restrict(tx, { decision, requestId }: SubjectRightsContext, ids, lift) {
    const map = await kinds(tx, ids);
    const done = ofKind(map, 'client');
    if (done.length > 0) {
      await tx.db
        .updateTable('care_clients')
        .set({ restricted_at: lift ? null : new Date() })
        .where('id', 'in', done)
        .execute();
    }
    tx.record(decision, [requestId, ...done], ['restricted_at'], lift ? 'restriction_lifted' : 'art_18');
    const refused: Refusal[] = [...map]
      .filter(([, kind]) => kind !== 'client')
      .map(([personId]) => ({ personId, legalGround: NOT_RESTRICTABLE }));
    for (const refusal of refused)
      tx.record(decision, [requestId, refusal.personId], [], `not restricted: ${refusal.legalGround}`);
    return { done, refused };
  },
  async erase(tx, { decision, requestId }, ids) {
    const map = await kinds(tx, ids);
    const refused: Refusal[] = [];
    const done: string[] = [];
    // The client file: refused while a placement runs; otherwise scrubbed, its sent handovers followed.
    const clients = ofKind(map, 'client');
    const open = await openPlacements(tx, clients);
    for (const id of clients) {
      if (open.has(id)) {
        refused.push({
          personId: id,
          legalGround:
            'Cliënt is geplaatst of een plaatsing loopt: eerst uitstroom (Wmo 2015, zorgplicht) / the client is placed or a placement is under way: discharge first',
        });
      } else done.push(id);
    }
    const erasedClients = done.slice();
    const notified = await scrub(tx, erasedClients);
    if (erasedClients.length > 0) tx.record(decision, [requestId, ...erasedClients], [...IDENTITY], 'art_17');
    if (notified.length > 0) {
      // Art. 19: the receiving providers are told through the handover they hold (source_erased_at).
      tx.record(decision, [requestId, ...notified], ['source_erased_at'], 'art_19: recipient notified');
    }
    // A provider's copy of a handover: its own file, erased by its own officer.
    const copies = ofKind(map, 'handover_copy');
    if (copies.length > 0) {
      await tx.db
        .updateTable('care_handovers')
        .set({ payload: HANDOVER_COPY_ERASED })
        .where('to_org_id', '=', tx.actor.orgId)
        .where('id', 'in', copies)
        .execute();
      tx.record(decision, [requestId, ...copies], ['payload'], 'art_17');
      done.push(...copies);
    }
    // A CoMensha registration: the encoding and the client link go; the variables stay, anonymous.
    const registrations = ofKind(map, 'comensha_registration');
    if (registrations.length > 0) {
      await tx.db
        .updateTable('victim_registrations')
        .set({ encoding: null, source_client_id: null, erased_at: new Date() })
        .where('org_id', '=', tx.actor.orgId)
        .where('id', 'in', registrations)
        .execute();
      tx.record(decision, [requestId, ...registrations], ['encoding', 'source_client_id'], 'art_17');
      done.push(...registrations);
    }
    // A missing-minor report: kept while the minor is missing; after the return, names and notes go.
    const reports = ofKind(map, 'missing_minor');
    if (reports.length > 0) {
      const rows = await tx.db
        .selectFrom('missing_minors')
        .select(['id', 'state'])
        .where('id', 'in', reports)
        .execute();
      const gone = rows.filter((row) => row.state !== 'missing').map((row) => row.id);
      for (const row of rows.filter((r) => r.state === 'missing')) {
        refused.push({ personId: row.id, legalGround: STILL_MISSING });
      }
      if (gone.length > 0) {
        await tx.db
          .updateTable('missing_minors')
          .set({
            given_names: ERASED,
            surname: ERASED,
            date_of_birth: null,
            description: ERASED,
            risk_factors: [],
            // The fingerprint of name and date of birth goes too: a later absence no longer links to it.
            minor_key: sql<string>`'erased:' || id::text`,
            erased_at: new Date(),
          })
          .where('org_id', '=', tx.actor.orgId)
          .where('id', 'in', gone)
          .execute();
        await tx.db
          .updateTable('missing_minor_events')
          .set({ note: null })
          .where('org_id', '=', tx.actor.orgId)
          .where('report_id', 'in', gone)
          .execute();
        tx.record(
          decision,
          [requestId, ...gone],
          ['given_names', 'surname', 'date_of_birth', 'description', 'risk_factors', 'timeline'],
          'art_17',
        );
        done.push(...gone);
      }
    }
    for (const refusal of refused)
      tx.record(decision, [requestId, refusal.personId], [], `not erased: ${refusal.legalGround}`);
    return { done, refused };
  },
  async rectify(tx, { decision, requestId }, id, changes: Rectification) {
    const kind = (await kinds(tx, [id])).get(id);
    if (kind === 'missing_minor') {
      const map: Record<string, unknown> = {
        given_names: changes.givenNames ?? undefined,
        surname: changes.surname ?? undefined,
        date_of_birth: changes.dateOfBirth,
      };
      const set = Object.fromEntries(Object.entries(map).filter(([, value]) => value !== undefined));
      const fields = Object.keys(set);
      if (fields.length > 0)
        await tx.db.updateTable('missing_minors').set(set).where('id', '=', id).execute();
      tx.record(decision, [requestId, id], fields, 'art_16');
      return { fields };
    }
    if (kind === 'handover_copy') {
      const row = await tx.db
        .selectFrom('care_handovers')
        .select('payload')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const payload = payloadOf(row.payload);
      const identity = { ...((payload.identity ?? {}) as Record<string, unknown>) };
      const fields: string[] = [];
      for (const key of ['givenNames', 'prefix', 'surname', 'alias', 'gender', 'nationality'] as const) {
        if (changes[key] !== undefined && 'identity' in payload) {
          identity[key] = changes[key];
          fields.push(key);
        }
      }
      if (changes.dateOfBirth !== undefined && 'dateOfBirth' in payload) {
        payload.dateOfBirth = changes.dateOfBirth;
        fields.push('dateOfBirth');
      }
      if (fields.length > 0) {
        await tx.db
          .updateTable('care_handovers')
          .set({ payload: JSON.stringify({ ...payload, ...('identity' in payload ? { identity } : {}) }) })
          .where('id', '=', id)
          .execute();
      }
      tx.record(decision, [requestId, id], fields, 'art_16');
      return { fields };
    }
    if (kind === 'comensha_registration') {
      // Nothing readable to correct: the encoding is of the name as registered. Erase and register anew.
      tx.record(decision, [requestId, id], [], 'art_16: registration holds no name');
      return { fields: [] };
    }
    const map: Record<string, unknown> = {
      given_names: changes.givenNames,
      prefix: changes.prefix,
      surname: changes.surname,
      alias: changes.alias,
      date_of_birth: changes.dateOfBirth,
      gender: changes.gender,
      nationality: changes.nationality,
    };
    const set = Object.fromEntries(Object.entries(map).filter(([, value]) => value !== undefined));
    const fields = Object.keys(set);
    if (fields.length > 0) await tx.db.updateTable('care_clients').set(set).where('id', '=', id).execute();
    tx.record(decision, [requestId, id], fields, 'art_16');
    return { fields };
  },
  async retention(store, { now = new Date(), months = RETENTION_MONTHS }) {
    // Clients whose last placement ended (or, without placements, whose file was opened) longer ago than the period.
    const cutoff = addMonths(dutchDate(now), -months);
    return withSystem(store, 'system:retention', async (db, audit) => {
      const rows = await db
        .selectFrom('care_clients as c')
        .select('c.id')
        .where('c.alias', 'is distinct from', ERASED)
        .where('c.created_at', '<', new Date(`${cutoff}T00:00:00Z`))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('placement_requests as r')
                .select('r.id')
                .whereRef('r.client_id', '=', 'c.id')
                .where((inner) =>
                  inner.or([inner('r.discharged_on', 'is', null), inner('r.discharged_on', '>=', cutoff)]),
                ),
            ),
          ),
        )
        .limit(500)
        .execute();
      const ids = rows.map((row) => row.id);
      if (ids.length > 0) {
        await db.deleteFrom('care_safe_addresses').where('client_id', 'in', ids).execute();
        await db
          .updateTable('care_clients')
          .set({
            alias: ERASED,
            given_names: null,
            prefix: null,
            surname: null,
            date_of_birth: null,
            estimated_age: null,
            nationality: null,
            languages: [],
            exploitation_places: JSON.stringify([]),
            safety: null,
            contact_channel: null,
          })
          .where('id', 'in', ids)
          .execute();
        audit({
          userId: null,
          orgId: null,
          purpose: null,
          action: 'erase',
          resource: 'care_client',
          recordIds: ids,
          fields: [...IDENTITY],
          result: 'allowed',
          reason: 'retention',
        });
      }
      return { records: ids };
    });
  },
};
