import { type AccessTx, NotFound } from '../access/context.ts';
import type { Decision } from '../access/policy.ts';
import { findMunicipality } from '../domain/municipalities.ts';
import { conflict, invalidInput, label } from '../domain/problem.ts';
import { dutchDate } from '../domain/validate/date.ts';
import { careReferral } from '../signals/index.ts';
import { reflectionClock } from './reflection-clock.ts';
import type { ConsentScope } from './vocabulary.ts';
import './tables.ts';

export const CLIENT_NOT_FOUND = 'Cliënt niet gevonden / Client not found';

export interface ExploitationPlace {
  /** A CBS municipality code, or `abroad` with a country code. */
  municipalityCode?: string;
  abroad?: string;
}

export interface SafetyAssessment {
  factors: string[];
  level: string;
  assessedOn: string;
  assessedBy: string;
}

export interface ClientInput {
  source: 'signal' | 'case_referral' | 'direct';
  signalId?: string;
  sourceReference?: string;
  alias?: string | null;
  givenNames?: string | null;
  prefix?: string | null;
  surname?: string | null;
  dateOfBirth?: string | null;
  estimatedAge?: number | null;
  gender?: string | null;
  nationality?: string | null;
  languages?: string[];
  immigrationStatus?: string;
  forms?: string[];
  exploitationPlaces?: ExploitationPlace[];
  needs?: string[];
  safety?: SafetyAssessment | null;
  contactChannel?: string | null;
}

/** Age in whole years today (Amsterdam), from the date of birth, else the estimate; null when neither is known. */
export function ageOf(
  client: { date_of_birth: string | null; estimated_age: number | null },
  today: string,
): number | null {
  if (client.date_of_birth) {
    const [by, bm, bd] = client.date_of_birth.split('-').map(Number);
    const [ty, tm, td] = today.split('-').map(Number);
    return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  }
  return client.estimated_age;
}

function checkPlaces(places: ExploitationPlace[] | undefined) {
  for (const [index, place] of (places ?? []).entries()) {
    if (place.municipalityCode && !findMunicipality(place.municipalityCode)) {
      throw invalidInput(
        `exploitationPlaces[${index}].municipalityCode`,
        label('Onbekende gemeentecode (CBS, GMxxxx)', 'Unknown municipality code (CBS, GMxxxx)'),
      );
    }
    if (!place.municipalityCode && !place.abroad) {
      throw invalidInput(
        `exploitationPlaces[${index}]`,
        label('Noem een gemeente of het land in het buitenland', 'Name a municipality or the country abroad'),
      );
    }
  }
}

/** Takes on a client: from a signal routed to the own organisation (its victim fills what is not given), or directly. */
export async function createClient(tx: AccessTx, input: ClientInput, now: Date): Promise<{ id: string }> {
  checkPlaces(input.exploitationPlaces);
  if (input.dateOfBirth && input.dateOfBirth > dutchDate(now)) {
    throw invalidInput(
      'dateOfBirth',
      label('Geboortedatum ligt in de toekomst', 'Date of birth lies in the future'),
    );
  }
  if (input.source === 'signal' && !input.signalId) {
    throw invalidInput(
      'signalId',
      label('Noem de melding waaruit de cliënt komt', 'Name the signal the client comes from'),
    );
  }
  if (input.source === 'case_referral' && !input.sourceReference) {
    throw invalidInput('sourceReference', label('Noem de doorverwijzing', 'Name the referral'));
  }
  let fromSignal: Awaited<ReturnType<typeof careReferral>> | null = null;
  if (input.source === 'signal' && input.signalId) {
    fromSignal = await careReferral(tx, input.signalId);
  }
  const decision = await tx.authorize('create', 'care_client');
  const victim = fromSignal?.victim;
  const places =
    input.exploitationPlaces ??
    (fromSignal?.municipality ? [{ municipalityCode: fromSignal.municipality }] : []);
  const row = {
    org_id: tx.actor.orgId,
    source: input.source,
    source_signal_id: fromSignal?.signalId ?? null,
    source_reference: input.sourceReference ?? null,
    alias: input.alias ?? victim?.alias ?? null,
    given_names: input.givenNames ?? victim?.givenNames ?? null,
    prefix: input.prefix ?? victim?.prefix ?? null,
    surname: input.surname ?? victim?.surname ?? null,
    date_of_birth: input.dateOfBirth ?? victim?.dateOfBirth ?? null,
    estimated_age: input.estimatedAge ?? null,
    gender: input.gender ?? victim?.gender ?? null,
    nationality: input.nationality ?? victim?.nationality ?? null,
    languages: input.languages ?? [],
    immigration_status: input.immigrationStatus ?? 'unknown',
    forms: input.forms ?? fromSignal?.forms ?? [],
    exploitation_places: JSON.stringify(places),
    needs: input.needs ?? [],
    safety: input.safety ? JSON.stringify(input.safety) : null,
    contact_channel: input.contactChannel ?? null,
    created_by: tx.actor.userId,
  };
  if (!row.alias && !row.surname && !row.given_names) {
    throw invalidInput('alias', label('Noem een naam of een alias', 'Give a name or an alias'));
  }
  const { id } = await tx.db.insertInto('care_clients').values(row).returning('id').executeTakeFirstOrThrow();
  tx.record(
    decision,
    [id],
    Object.keys(row).filter((key) => row[key as keyof typeof row] !== null),
  );
  return { id };
}

export async function listClients(tx: AccessTx) {
  const decision = await tx.authorize('read', 'care_client');
  const rows = await tx.db
    .selectFrom('care_clients')
    .select([
      'id',
      'org_id',
      'alias',
      'given_names',
      'prefix',
      'surname',
      'gender',
      'nationality',
      'needs',
      'forms',
      'source',
      'created_at',
    ])
    .where((eb) => decision.where(eb, 'care_clients'))
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  return tx.disclose(decision, rows);
}

async function clientRow(tx: AccessTx, decision: Decision, id: string) {
  const row = await tx.db
    .selectFrom('care_clients')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => decision.where(eb, 'care_clients'))
    .executeTakeFirst();
  if (!row) throw new NotFound(CLIENT_NOT_FOUND);
  return row;
}

/** The client file: the client, its consents, its reflection period with the clock, its placements (no safe address). */
export async function getClient(tx: AccessTx, id: string, now: Date) {
  const decision = await tx.authorize('read', 'care_client');
  const row = await clientRow(tx, decision, id);
  const consents = await tx.db
    .selectFrom('care_consents')
    .select(['id', 'client_id', 'scope', 'given_on', 'how', 'withdrawn_on', 'covers'])
    .where('client_id', '=', id)
    .orderBy('given_on')
    .execute();
  const period = await tx.db
    .selectFrom('reflection_periods')
    .selectAll()
    .where('client_id', '=', id)
    .executeTakeFirst();
  const placements = await tx.db
    .selectFrom('placement_requests')
    .select(['id', 'state', 'filed_at', 'place_id', 'admitted_on', 'discharged_on', 'destination'])
    .where('client_id', '=', id)
    .orderBy('filed_at')
    .execute();
  const today = dutchDate(now);
  const view = {
    ...row,
    created_at: row.created_at.toISOString(),
    restricted_at: row.restricted_at?.toISOString() ?? null,
    age: ageOf(row, today),
    consents,
    reflection_period: period ? { ...period, clock: reflectionClock(period, today) } : null,
    placements: placements.map((p) => ({ ...p, filed_at: p.filed_at.toISOString() })),
  };
  return { ...tx.disclose(decision, [view])[0], age: view.age };
}

export async function updateClient(tx: AccessTx, id: string, changes: Partial<ClientInput>) {
  const decision = await tx.authorize('update', 'care_client');
  await clientRow(tx, decision, id);
  checkPlaces(changes.exploitationPlaces);
  const map: Record<string, unknown> = {
    alias: changes.alias,
    given_names: changes.givenNames,
    prefix: changes.prefix,
    surname: changes.surname,
    date_of_birth: changes.dateOfBirth,
    estimated_age: changes.estimatedAge,
    gender: changes.gender,
    nationality: changes.nationality,
    languages: changes.languages,
    immigration_status: changes.immigrationStatus,
    forms: changes.forms,
    exploitation_places: changes.exploitationPlaces ? JSON.stringify(changes.exploitationPlaces) : undefined,
    needs: changes.needs,
    safety: changes.safety === undefined ? undefined : changes.safety ? JSON.stringify(changes.safety) : null,
    contact_channel: changes.contactChannel,
  };
  const values = Object.fromEntries(Object.entries(map).filter(([, value]) => value !== undefined));
  const fields = Object.keys(values);
  const refused = fields.find((field) => !decision.writable.includes(field));
  if (refused)
    throw invalidInput(refused, label('Dit veld mag u niet wijzigen', 'You may not change this field'));
  if (fields.length === 0) return { fields };
  await tx.db.updateTable('care_clients').set(values).where('id', '=', id).execute();
  tx.record(decision, [id], fields);
  return { fields };
}

export async function addConsent(
  tx: AccessTx,
  clientId: string,
  input: { scope: ConsentScope; givenOn: string; how: string; covers?: string[] },
  now: Date,
) {
  const read = await tx.authorize('read', 'care_client');
  await clientRow(tx, read, clientId);
  const decision = await tx.authorize('create', 'care_consent');
  if (input.givenOn > dutchDate(now)) {
    throw invalidInput(
      'givenOn',
      label('Datum van toestemming ligt in de toekomst', 'Date of consent lies in the future'),
    );
  }
  // A handover consent names the fields of the file it lets travel; other scopes cover no fields.
  if (input.scope === 'handover' && (input.covers ?? []).length === 0) {
    throw invalidInput(
      'covers',
      label('Noem welke gegevens de overdracht mag meenemen', 'Name which data the handover may carry'),
    );
  }
  if (input.scope !== 'handover' && (input.covers ?? []).length > 0) {
    throw invalidInput(
      'covers',
      label('Alleen toestemming voor overdracht noemt gegevens', 'Only a handover consent names data'),
    );
  }
  const { id } = await tx.db
    .insertInto('care_consents')
    .values({
      covers: input.covers ?? [],
      client_id: clientId,
      org_id: tx.actor.orgId,
      scope: input.scope,
      given_on: input.givenOn,
      how: input.how,
      recorded_by: tx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  tx.record(decision, [id, clientId], ['scope', 'given_on', 'how', 'covers']);
  return { id };
}

export async function withdrawConsent(tx: AccessTx, consentId: string, withdrawnOn: string) {
  const decision = await tx.authorize('update', 'care_consent');
  const consent = await tx.db
    .selectFrom('care_consents')
    .selectAll()
    .where('id', '=', consentId)
    .where((eb) => decision.where(eb, 'care_consents'))
    .executeTakeFirst();
  if (!consent) throw new NotFound('Toestemming niet gevonden / Consent not found');
  if (consent.withdrawn_on) {
    throw conflict(
      label('Deze toestemming is al ingetrokken', 'This consent has already been withdrawn'),
      'withdrawnOn',
    );
  }
  if (withdrawnOn < consent.given_on) {
    throw invalidInput(
      'withdrawnOn',
      label('Intrekking ligt vóór de datum van toestemming', 'Withdrawal lies before the date of consent'),
    );
  }
  await tx.db
    .updateTable('care_consents')
    .set({ withdrawn_on: withdrawnOn })
    .where('id', '=', consentId)
    .execute();
  tx.record(decision, [consentId, consent.client_id], ['withdrawn_on']);
}

/** Refuses to share for `scope` unless the client gave consent for it and has not withdrawn it (checked on `on`). */
export async function requireConsent(tx: AccessTx, clientId: string, scope: ConsentScope, on: string) {
  const consent = await tx.db
    .selectFrom('care_consents')
    .select('id')
    .where('client_id', '=', clientId)
    .where('scope', '=', scope)
    .where('given_on', '<=', on)
    .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>', on)]))
    .executeTakeFirst();
  if (!consent) {
    throw conflict(
      label(
        `Geen geldige toestemming van de cliënt voor "${scope}": eerst toestemming vastleggen`,
        `No valid consent of the client for "${scope}": record consent first`,
      ),
      'consent',
      'consent_missing',
    );
  }
}

/** The safe address of one placement: only the placing coordinator's organisation and the shelter (grants and RLS). */
export async function readSafeAddress(tx: AccessTx, placementId: string) {
  const decision = await tx.authorize('read', 'care_safe_address');
  const row = await tx.db
    .selectFrom('care_safe_addresses')
    .select(['placement_id', 'client_id', 'address', 'recorded_at', 'coordinator_org_id', 'shelter_org_id'])
    .where('placement_id', '=', placementId)
    .where((eb) => decision.where(eb, 'care_safe_addresses'))
    .executeTakeFirst();
  if (!row) throw new NotFound('Geen veilig adres bekend / No safe address known');
  const [shown] = tx.disclose(
    decision,
    [{ ...row, recorded_at: row.recorded_at.toISOString() }],
    'placement_id',
  );
  return shown;
}
