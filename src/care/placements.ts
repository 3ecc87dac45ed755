import { sql } from 'kysely';
import { type AccessTx, NotFound } from '../access/context.ts';
import type { Decision } from '../access/policy.ts';
import { findMunicipality } from '../domain/municipalities.ts';
import { conflict, invalidInput, label } from '../domain/problem.ts';
import { dutchDate } from '../domain/validate/date.ts';
import { ageOf, CLIENT_NOT_FOUND, requireConsent } from './clients.ts';
import { type MatchPlace, type MatchRequest, rankPlaces, unsuitable } from './matching.ts';
import { daysBetween } from './reflection-clock.ts';
import { SMALL_CELL, STALE_AFTER_DAYS } from './vocabulary.ts';
import './tables.ts';

const REQUEST_NOT_FOUND = 'Plaatsingsverzoek niet gevonden / Placement request not found';
const PLACE_NOT_FOUND = 'Plaats niet gevonden / Place not found';

// --- Capacity (the provider) ------------------------------------------------------------------------------

export interface PlaceInput {
  kind: string;
  capacity: number;
  occupancy: number;
  genders: string[];
  minAge: number;
  maxAge: number;
  needs: string[];
}

function checkFigures(capacity: number, occupancy: number) {
  if (occupancy > capacity) {
    throw invalidInput(
      'occupancy',
      label(
        `Bezetting ${occupancy} is hoger dan de capaciteit ${capacity}`,
        `Occupancy ${occupancy} exceeds capacity ${capacity}`,
      ),
    );
  }
}

export async function createLocation(
  tx: AccessTx,
  input: { name: string; municipalityCode: string; places: PlaceInput[] },
) {
  const municipality = findMunicipality(input.municipalityCode);
  if (!municipality) {
    throw invalidInput(
      'municipalityCode',
      label('Onbekende gemeentecode (CBS, GMxxxx)', 'Unknown municipality code (CBS, GMxxxx)'),
    );
  }
  for (const [index, place] of input.places.entries()) {
    if (place.occupancy > place.capacity) {
      throw invalidInput(
        `places[${index}].occupancy`,
        label(
          `Bezetting ${place.occupancy} is hoger dan de capaciteit ${place.capacity}`,
          `Occupancy ${place.occupancy} exceeds capacity ${place.capacity}`,
        ),
      );
    }
    if (place.minAge > place.maxAge) {
      throw invalidInput(
        `places[${index}].minAge`,
        label('Minimumleeftijd boven maximumleeftijd', 'Minimum age above maximum age'),
      );
    }
  }
  const decision = await tx.authorize('create', 'shelter_place');
  const location = await tx.db
    .insertInto('shelter_locations')
    .values({
      org_id: tx.actor.orgId,
      name: input.name,
      municipality_code: municipality.cbsCode,
      region: municipality.safetyRegion,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const placeIds: string[] = [];
  for (const place of input.places) {
    const { id } = await tx.db
      .insertInto('shelter_places')
      .values({
        location_id: location.id,
        org_id: tx.actor.orgId,
        kind: place.kind,
        capacity: place.capacity,
        occupancy: place.occupancy,
        genders: place.genders,
        min_age: place.minAge,
        max_age: place.maxAge,
        needs: place.needs,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    placeIds.push(id);
  }
  tx.record(
    decision,
    [location.id, ...placeIds],
    ['name', 'municipality_code', 'kind', 'capacity', 'occupancy'],
  );
  return { id: location.id, placeIds };
}

function placesQuery(tx: AccessTx, decision: Decision) {
  return tx.db
    .selectFrom('shelter_places as p')
    .innerJoin('shelter_locations as l', 'l.id', 'p.location_id')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .select([
      'p.id',
      'p.location_id',
      'p.org_id',
      'o.name as organisation',
      'l.name as location',
      'l.municipality_code',
      'l.region',
      'p.kind',
      'p.capacity',
      'p.occupancy',
      'p.genders',
      'p.min_age',
      'p.max_age',
      'p.needs',
      'p.figures_at',
    ])
    .where((eb) => decision.where(eb, 'p'));
}

type PlaceRow = Awaited<ReturnType<ReturnType<typeof placesQuery>['execute']>>[number];

function placeView(row: PlaceRow, now: Date) {
  return {
    ...row,
    available: row.capacity - row.occupancy,
    figures_at: row.figures_at.toISOString(),
    stale: now.getTime() - row.figures_at.getTime() > STALE_AFTER_DAYS * 86_400_000,
  };
}

/** Places: the provider's own, or for a care coordinator every place in the chain (no personal data). */
export async function listPlaces(tx: AccessTx, now: Date) {
  const decision = await tx.authorize('read', 'shelter_place');
  const rows = await placesQuery(tx, decision).orderBy('l.name').orderBy('p.kind').execute();
  return tx.disclose(
    decision,
    rows.map((row) => placeView(row, now)),
  );
}

/** New capacity figures from the provider; the clock of staleness starts again. */
export async function updateFigures(
  tx: AccessTx,
  placeId: string,
  input: { capacity?: number; occupancy?: number },
  now: Date,
) {
  const decision = await tx.authorize('update', 'shelter_place');
  const place = await tx.db
    .selectFrom('shelter_places')
    .select(['id', 'capacity', 'occupancy', 'org_id'])
    .where('id', '=', placeId)
    .where((eb) => decision.where(eb, 'shelter_places'))
    .executeTakeFirst();
  if (!place) throw new NotFound(PLACE_NOT_FOUND);
  const capacity = input.capacity ?? place.capacity;
  const occupancy = input.occupancy ?? place.occupancy;
  checkFigures(capacity, occupancy);
  await tx.db
    .updateTable('shelter_places')
    .set({ capacity, occupancy, figures_at: now })
    .where('id', '=', placeId)
    .execute();
  tx.record(decision, [placeId], ['capacity', 'occupancy', 'figures_at']);
  return { capacity, occupancy };
}

// --- Placement requests -----------------------------------------------------------------------------------

interface HistoryStep {
  action: string;
  at: string;
  by: string;
  orgId: string;
  placeId?: string | null;
  reason?: string | null;
  note?: string | null;
}

async function requestRow(tx: AccessTx, decision: Decision, id: string) {
  const row = await tx.db
    .selectFrom('placement_requests')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => decision.where(eb, 'placement_requests'))
    .executeTakeFirst();
  if (!row) throw new NotFound(REQUEST_NOT_FOUND);
  return row;
}

type RequestRow = Awaited<ReturnType<typeof requestRow>>;

function requestView(row: RequestRow, now: Date) {
  const end = row.admitted_on ?? dutchDate(now);
  return {
    ...row,
    filed_at: row.filed_at.toISOString(),
    waiting_days: daysBetween(dutchDate(row.filed_at), end),
  };
}

/** The regions to keep away from: the safety regions of the municipalities where the client was exploited. */
function regionsOf(places: unknown): { regions: string[]; municipalities: string[] } {
  const list = Array.isArray(places) ? (places as { municipalityCode?: string }[]) : [];
  const municipalities = list.flatMap((p) => (p.municipalityCode ? [p.municipalityCode] : []));
  const regions = municipalities.flatMap((code) => findMunicipality(code)?.safetyRegion ?? []);
  return { regions: [...new Set(regions)], municipalities: [...new Set(municipalities)] };
}

/**
 * The care coordinator files a request for a client: needs and safety constraints (by default away from the
 * regions where the client was exploited). Sharing with a shelter needs the client's consent for placement.
 */
export async function fileRequest(
  tx: AccessTx,
  clientId: string,
  input: { needs?: string[]; avoidRegions?: string[]; avoidMunicipalities?: string[]; note?: string },
  now: Date,
) {
  const read = await tx.authorize('read', 'care_client');
  const client = await tx.db
    .selectFrom('care_clients')
    .selectAll()
    .where('id', '=', clientId)
    .where((eb) => read.where(eb, 'care_clients'))
    .executeTakeFirst();
  if (!client) throw new NotFound(CLIENT_NOT_FOUND);
  const today = dutchDate(now);
  await requireConsent(tx, clientId, 'placement', today);
  const age = ageOf(client, today);
  if (age === null) {
    throw invalidInput(
      'age',
      label(
        'Leeftijd onbekend: vul geboortedatum of geschatte leeftijd in',
        'Age unknown: give the date of birth or an estimated age',
      ),
    );
  }
  if (!client.gender) {
    throw invalidInput(
      'gender',
      label(
        'Geslacht onbekend: vul het in het cliëntdossier in',
        'Gender unknown: fill it in in the client file',
      ),
    );
  }
  const decision = await tx.authorize('create', 'placement_request');
  const exploited = regionsOf(client.exploitation_places);
  const needs = [...new Set([...(input.needs ?? client.needs), ...(age < 18 ? ['minor'] : [])])];
  const history: HistoryStep[] = [
    {
      action: 'file',
      at: now.toISOString(),
      by: tx.actor.userId,
      orgId: tx.actor.orgId,
      note: input.note ?? null,
    },
  ];
  const { id } = await tx.db
    .insertInto('placement_requests')
    .values({
      client_id: clientId,
      coordinator_org_id: tx.actor.orgId,
      needs,
      gender: client.gender,
      age,
      avoid_regions: input.avoidRegions ?? exploited.regions,
      avoid_municipalities: input.avoidMunicipalities ?? exploited.municipalities,
      history: JSON.stringify(history),
      filed_at: now,
      created_by: tx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  tx.record(decision, [id, clientId], ['needs', 'gender', 'age', 'avoid_regions', 'avoid_municipalities']);
  return { id };
}

/** The requests the actor may see: the coordinator's own (waiting list) or those proposed to the shelter. */
export async function listRequests(tx: AccessTx, now: Date, states?: readonly string[]) {
  const decision = await tx.authorize('read', 'placement_request');
  let query = tx.db
    .selectFrom('placement_requests')
    .selectAll()
    .where((eb) => decision.where(eb, 'placement_requests'));
  if (states && states.length > 0) query = query.where('state', 'in', [...states]);
  const rows = await query.orderBy('filed_at').limit(1000).execute();
  return tx.disclose(
    decision,
    rows.map((row) => requestView(row, now)),
  );
}

export async function getRequest(tx: AccessTx, id: string, now: Date) {
  const decision = await tx.authorize('read', 'placement_request');
  return tx.disclose(decision, [requestView(await requestRow(tx, decision, id), now)])[0];
}

function toMatch(row: {
  needs: string[];
  gender: string;
  age: number;
  avoid_regions: string[];
  avoid_municipalities: string[];
}): MatchRequest {
  return {
    needs: row.needs,
    gender: row.gender,
    age: row.age,
    avoidRegions: row.avoid_regions,
    avoidMunicipalities: row.avoid_municipalities,
  };
}

function toPlace(row: PlaceRow): MatchPlace {
  return {
    id: row.id,
    kind: row.kind,
    capacity: row.capacity,
    occupancy: row.occupancy,
    genders: row.genders,
    minAge: row.min_age,
    maxAge: row.max_age,
    needs: row.needs,
    municipalityCode: row.municipality_code,
    region: row.region,
    figuresAt: row.figures_at,
  };
}

/** Ranks the available places for an open request, with the reasons; excluded places with theirs. */
export async function matchRequest(tx: AccessTx, id: string, now: Date) {
  const decision = await tx.authorize('read', 'placement_request');
  const request = await requestRow(tx, decision, id);
  const places = await tx.authorize('read', 'shelter_place');
  const rows = await placesQuery(tx, places).execute();
  const result = rankPlaces(toMatch(request), rows.map(toPlace), now);
  const byId = new Map(rows.map((row) => [row.id, placeView(row, now)]));
  tx.disclose(decision, [{ id }]);
  return {
    version: result.version,
    ranked: result.ranked.map((r) => ({ ...r, place: tx.disclose(places, [byId.get(r.placeId)!])[0] })),
    excluded: result.excluded.length,
  };
}

function step(tx: AccessTx, now: Date, action: string, extra: Partial<HistoryStep> = {}): HistoryStep {
  return { action, at: now.toISOString(), by: tx.actor.userId, orgId: tx.actor.orgId, ...extra };
}

function history(row: RequestRow, next: HistoryStep) {
  return JSON.stringify([...((row.history as HistoryStep[]) ?? []), next]);
}

function wrongState(row: RequestRow, action: string, allowed: string[]) {
  if (!allowed.includes(row.state)) {
    throw conflict(
      label(
        `"${action}" kan niet in stand "${row.state}"`,
        `"${action}" is not possible in state "${row.state}"`,
      ),
      'state',
      'invalid_transition',
    );
  }
}

export type Transition =
  | { action: 'propose'; placeId: string; note?: string }
  | { action: 'withdraw'; note?: string }
  | { action: 'accept'; note?: string }
  | { action: 'decline'; reason: string; note?: string }
  | { action: 'admit'; admittedOn: string; safeAddress: string }
  | { action: 'discharge'; dischargedOn: string; destination: string; note?: string };

const COORDINATOR_ACTIONS = ['propose', 'withdraw'];

/**
 * One step of a placement: the coordinator proposes a place (refused when it does not take the need, age or
 * gender, is full, or lies where the client must not be) or withdraws; the shelter accepts or declines with a
 * reason, admits (occupancy + 1, refused above capacity; records the safe address) and discharges with the
 * destination (occupancy − 1). One transaction: nothing partial is written.
 */
export async function transitionRequest(tx: AccessTx, id: string, input: Transition, now: Date) {
  const decision = await tx.authorize('transition', 'placement_request');
  const row = await requestRow(tx, decision, id);
  const coordinator = row.coordinator_org_id === tx.actor.orgId;
  const isCoordinatorAction = COORDINATOR_ACTIONS.includes(input.action);
  if (isCoordinatorAction !== coordinator) {
    throw conflict(
      label(
        coordinator ? 'Deze stap is aan de opvang' : 'Deze stap is aan de zorgcoördinator',
        coordinator ? 'This step is for the shelter' : 'This step is for the care coordinator',
      ),
      'action',
      'not_your_step',
    );
  }
  let set: Record<string, unknown> = {};
  let extra: Partial<HistoryStep> = { note: 'note' in input ? (input.note ?? null) : null };
  switch (input.action) {
    case 'propose': {
      wrongState(row, 'propose', ['open', 'declined']);
      await requireConsent(tx, row.client_id, 'placement', dutchDate(now));
      const places = await tx.authorize('read', 'shelter_place');
      const place = await placesQuery(tx, places).where('p.id', '=', input.placeId).executeTakeFirst();
      if (!place) throw invalidInput('placeId', label('Onbekende plaats', 'Unknown place'));
      const reasons = unsuitable(toMatch(row), toPlace(place));
      if (reasons.length > 0) {
        throw conflict(
          label(
            `Deze plaats past niet: ${reasons.map((r) => r.label.nl).join('; ')}`,
            `This place does not fit: ${reasons.map((r) => r.label.en).join('; ')}`,
          ),
          'placeId',
          'place_unsuitable',
        );
      }
      // Back to this decision's scope before writing (RLS follows the last decision).
      await tx.authorize('transition', 'placement_request');
      set = { state: 'proposed', place_id: place.id, shelter_org_id: place.org_id };
      extra = { ...extra, placeId: place.id };
      break;
    }
    case 'withdraw':
      wrongState(row, 'withdraw', ['open', 'proposed', 'accepted', 'declined']);
      set = { state: 'withdrawn' };
      break;
    case 'accept':
      wrongState(row, 'accept', ['proposed']);
      set = { state: 'accepted' };
      break;
    case 'decline':
      wrongState(row, 'decline', ['proposed', 'accepted']);
      // Back on the coordinator's waiting list; the shelter keeps seeing its decision until the request is
      // proposed to another place (then it no longer sees it).
      set = { state: 'declined' };
      extra = { ...extra, placeId: row.place_id, reason: input.reason };
      break;
    case 'admit': {
      wrongState(row, 'admit', ['accepted']);
      if (input.admittedOn > dutchDate(now)) {
        throw invalidInput(
          'admittedOn',
          label('Opnamedatum ligt in de toekomst', 'Admission date lies in the future'),
        );
      }
      if (input.admittedOn < dutchDate(row.filed_at)) {
        throw invalidInput(
          'admittedOn',
          label('Opname ligt vóór het verzoek', 'Admission lies before the request'),
        );
      }
      const capacity = await tx.authorize('update', 'shelter_place');
      const place = await tx.db
        .selectFrom('shelter_places')
        .select(['id', 'capacity', 'occupancy'])
        .where('id', '=', row.place_id as string)
        .where((eb) => capacity.where(eb, 'shelter_places'))
        .forUpdate()
        .executeTakeFirst();
      if (!place) throw new NotFound(PLACE_NOT_FOUND);
      if (place.occupancy + 1 > place.capacity) {
        throw conflict(
          label(
            `De plaats is vol (${place.occupancy}/${place.capacity}): bezetting boven capaciteit`,
            `The place is full (${place.occupancy}/${place.capacity}): occupancy above capacity`,
          ),
          'occupancy',
          'over_capacity',
        );
      }
      await tx.db
        .updateTable('shelter_places')
        .set({ occupancy: place.occupancy + 1, figures_at: now })
        .where('id', '=', place.id)
        .execute();
      tx.record(capacity, [place.id], ['occupancy']);
      const address = await tx.authorize('create', 'care_safe_address');
      await tx.db
        .insertInto('care_safe_addresses')
        .values({
          placement_id: row.id,
          client_id: row.client_id,
          coordinator_org_id: row.coordinator_org_id,
          shelter_org_id: tx.actor.orgId,
          address: input.safeAddress,
          recorded_by: tx.actor.userId,
        })
        .execute();
      tx.record(address, [row.id], ['address']);
      await tx.authorize('transition', 'placement_request');
      set = { state: 'admitted', admitted_on: input.admittedOn };
      break;
    }
    case 'discharge': {
      wrongState(row, 'discharge', ['admitted']);
      if (row.admitted_on && input.dischargedOn < row.admitted_on) {
        throw invalidInput(
          'dischargedOn',
          label('Uitstroom ligt vóór de opname', 'Discharge lies before the admission'),
        );
      }
      const capacity = await tx.authorize('update', 'shelter_place');
      await tx.db
        .updateTable('shelter_places')
        .set({ occupancy: sql<number>`greatest(occupancy - 1, 0)`, figures_at: now })
        .where('id', '=', row.place_id as string)
        .where((eb) => capacity.where(eb, 'shelter_places'))
        .execute();
      tx.record(capacity, [row.place_id as string], ['occupancy']);
      await tx.authorize('transition', 'placement_request');
      set = { state: 'discharged', discharged_on: input.dischargedOn, destination: input.destination };
      break;
    }
  }
  await tx.db
    .updateTable('placement_requests')
    .set({ ...set, history: history(row, step(tx, now, input.action, extra)) })
    .where('id', '=', id)
    .execute();
  tx.record(decision, [id], Object.keys(set));
  return { id, state: set.state as string };
}

// --- National overview (CoMensha, ministry) ---------------------------------------------------------------

function suppress(n: number): number | null {
  return n < SMALL_CELL ? null : n;
}

/**
 * Capacity, occupancy and waiting per place type and safety region, for CoMensha and the ministry:
 * aggregates only; a count of persons below SMALL_CELL is suppressed (null, `suppressed` names it).
 */
export async function nationalOverview(tx: AccessTx, now: Date) {
  const decision = await tx.authorize('aggregate', 'shelter_overview');
  const stale = new Date(now.getTime() - STALE_AFTER_DAYS * 86_400_000);
  const places = await sql<{
    kind: string;
    region: string;
    capacity: string;
    occupancy: string;
    stale_places: string;
  }>`
    SELECT p.kind, l.region, sum(p.capacity) AS capacity, sum(p.occupancy) AS occupancy,
           count(*) FILTER (WHERE p.figures_at < ${stale}) AS stale_places
      FROM shelter_places p JOIN shelter_locations l ON l.id = p.location_id
     GROUP BY p.kind, l.region ORDER BY p.kind, l.region`.execute(tx.db);
  const waiting = await sql<{ kind: string | null; region: string | null; waiting: string }>`
    SELECT p.kind, l.region, count(*) AS waiting
      FROM placement_requests r
      LEFT JOIN shelter_places p ON p.id = r.place_id
      LEFT JOIN shelter_locations l ON l.id = p.location_id
     WHERE r.state IN ('open', 'proposed', 'accepted', 'declined')
     GROUP BY p.kind, l.region`.execute(tx.db);
  const key = (kind: string | null, region: string | null) => `${kind ?? ''}|${region ?? ''}`;
  const waits = new Map(waiting.rows.map((row) => [key(row.kind, row.region), Number(row.waiting)]));
  const rows = places.rows.map((row) => {
    const occupancy = Number(row.occupancy);
    const waitingCount = waits.get(key(row.kind, row.region)) ?? 0;
    waits.delete(key(row.kind, row.region));
    return {
      kind: row.kind,
      region: row.region,
      capacity: Number(row.capacity),
      occupancy: suppress(occupancy),
      waiting: suppress(waitingCount),
      stale_places: Number(row.stale_places),
      suppressed: [
        ...(occupancy < SMALL_CELL ? ['occupancy'] : []),
        ...(waitingCount < SMALL_CELL ? ['waiting'] : []),
      ],
    };
  });
  // Requests not yet proposed to a place: one line without type or region.
  const unplaced = waits.get(key(null, null)) ?? 0;
  tx.record(decision, [], ['kind', 'region', 'capacity', 'occupancy', 'waiting']);
  return {
    smallCell: SMALL_CELL,
    rows,
    unassignedWaiting: suppress(unplaced),
  };
}
