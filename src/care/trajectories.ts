import { sql } from 'kysely';
import { type AccessTx, NotFound } from '../access/context.ts';
import { conflict, invalidInput, label } from '../domain/problem.ts';
import { dutchDate } from '../domain/validate/date.ts';
import { CLIENT_NOT_FOUND } from './clients.ts';
import {
  canClose,
  type HandoverField,
  type Phase,
  type PhaseState,
  phaseStep,
  type TrajectoryOutcome,
  uncovered,
} from './trajectory-lifecycle.ts';
import './tables.ts';

/**
 * Care trajectories (issue 16, item 4): the coordinator plans phases with a provider each, starts and completes
 * them, and proposes a handover to the next phase's provider carrying only what the client's handover consent
 * covers; the receiver confirms (the next phase starts) or refuses with a reason. Steps follow
 * trajectory-lifecycle.ts; every change is audited.
 */

export interface TrajectoryInput {
  phases: { phase: Phase; providerOrgId: string }[];
}

const NOT_FOUND = 'Traject of fase niet gevonden / Trajectory or phase not found';

async function ownClient(tx: AccessTx, clientId: string) {
  const read = await tx.authorize('read', 'care_client');
  const client = await tx.db
    .selectFrom('care_clients')
    .selectAll()
    .where('id', '=', clientId)
    .where((eb) => read.where(eb, 'care_clients'))
    .executeTakeFirst();
  if (!client) throw new NotFound(CLIENT_NOT_FOUND);
  return client;
}

export async function createTrajectory(tx: AccessTx, clientId: string, input: TrajectoryInput) {
  await ownClient(tx, clientId);
  const decision = await tx.authorize('create', 'care_trajectory');
  const providers = await tx.db
    .selectFrom('organisations')
    .select(['id', 'type'])
    .where(
      'id',
      'in',
      input.phases.map((p) => p.providerOrgId),
    )
    .execute();
  for (const [index, phase] of input.phases.entries()) {
    const provider = providers.find((p) => p.id === phase.providerOrgId);
    if (provider?.type !== 'shelter') {
      throw invalidInput(
        `phases[${index}].providerOrgId`,
        label('Geen opvang- of zorgaanbieder', 'Not a shelter or care provider'),
      );
    }
  }
  const open = await tx.db
    .selectFrom('care_trajectories')
    .select('id')
    .where('client_id', '=', clientId)
    .where('closed_on', 'is', null)
    .executeTakeFirst();
  if (open) {
    throw conflict(
      label('Deze cliënt heeft al een lopend traject', 'This client already has an open trajectory'),
      'clientId',
      'trajectory_open',
    );
  }
  const { id } = await tx.db
    .insertInto('care_trajectories')
    .values({ client_id: clientId, org_id: tx.actor.orgId, created_by: tx.actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.db
    .insertInto('care_trajectory_phases')
    .values(
      input.phases.map((phase, position) => ({
        trajectory_id: id,
        org_id: tx.actor.orgId,
        position,
        phase: phase.phase,
        provider_org_id: phase.providerOrgId,
      })),
    )
    .execute();
  tx.record(decision, [id, clientId], ['phases']);
  return { id };
}

/** The client's trajectories with their phases and handovers (the coordinator's view). */
export async function clientTrajectories(tx: AccessTx, clientId: string) {
  await ownClient(tx, clientId);
  const decision = await tx.authorize('read', 'care_trajectory');
  const trajectories = await tx.db
    .selectFrom('care_trajectories')
    .selectAll()
    .where('client_id', '=', clientId)
    .where((eb) => decision.where(eb, 'care_trajectories'))
    .orderBy('created_at')
    .execute();
  const ids = trajectories.map((t) => t.id);
  const phases = ids.length
    ? await tx.db
        .selectFrom('care_trajectory_phases as p')
        .innerJoin('organisations as o', 'o.id', 'p.provider_org_id')
        .select([
          'p.id',
          'p.trajectory_id',
          'p.position',
          'p.phase',
          'p.provider_org_id',
          'o.name as provider',
          'p.state',
          'p.started_on',
          'p.ended_on',
        ])
        .where('p.trajectory_id', 'in', ids)
        .orderBy('p.position')
        .execute()
    : [];
  const handovers = ids.length
    ? await tx.db
        .selectFrom('care_handovers')
        .select(['id', 'trajectory_id', 'phase', 'fields', 'state', 'reason', 'proposed_on', 'decided_at'])
        .where('trajectory_id', 'in', ids)
        .orderBy('proposed_on')
        .execute()
    : [];
  const rows = trajectories.map((t) => ({
    id: t.id,
    client_id: t.client_id,
    org_id: t.org_id,
    outcome: t.outcome,
    closed_on: t.closed_on,
    created_at: t.created_at.toISOString(),
    phases: phases.filter((p) => p.trajectory_id === t.id).map(({ trajectory_id: _t, ...p }) => p),
    handovers: handovers
      .filter((h) => h.trajectory_id === t.id)
      .map(({ trajectory_id: _t, ...h }) => ({ ...h, decided_at: h.decided_at?.toISOString() ?? null })),
  }));
  return tx.disclose(decision, rows);
}

async function phaseOf(tx: AccessTx, phaseId: string) {
  const decision = await tx.authorize('transition', 'care_trajectory');
  const phase = await tx.db
    .selectFrom('care_trajectory_phases as p')
    .innerJoin('care_trajectories as t', 't.id', 'p.trajectory_id')
    .select([
      'p.id',
      'p.trajectory_id',
      'p.position',
      'p.phase',
      'p.state',
      'p.provider_org_id',
      'p.started_on',
      't.client_id',
      't.closed_on',
    ])
    .where('p.id', '=', phaseId)
    .where((eb) => decision.where(eb, 't'))
    .executeTakeFirst();
  if (!phase) throw new NotFound(NOT_FOUND);
  if (phase.closed_on) {
    throw conflict(label('Het traject is afgesloten', 'The trajectory is closed'), 'phaseId', 'closed');
  }
  return { decision, phase };
}

function refuseStep(result: ReturnType<typeof phaseStep>): asserts result is { ok: true; to: PhaseState } {
  if (!result.ok) throw conflict(result.reason, 'action', 'invalid_transition');
}

/** Values of the client file for the fields a handover carries (a copy: the receiver sees this only). */
function payloadOf(client: Record<string, unknown>, fields: readonly HandoverField[]) {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (field === 'identity') {
      out.identity = {
        alias: client.alias,
        givenNames: client.given_names,
        prefix: client.prefix,
        surname: client.surname,
        gender: client.gender,
        nationality: client.nationality,
      };
    } else if (field === 'date_of_birth') {
      out.dateOfBirth = client.date_of_birth ?? null;
      out.estimatedAge = client.estimated_age ?? null;
    } else if (field === 'contact_channel') out.contactChannel = client.contact_channel ?? null;
    else if (field === 'immigration_status') out.immigrationStatus = client.immigration_status;
    else out[field] = client[field] ?? null;
  }
  return out;
}

export type PhaseStepInput =
  | { action: 'start'; startedOn: string }
  | { action: 'complete'; endedOn: string }
  | { action: 'propose_handover'; fields: HandoverField[] };

/** A coordinator's step of a phase: start, complete, or propose the handover to the next phase's provider. */
export async function phaseAction(tx: AccessTx, phaseId: string, input: PhaseStepInput, now: Date) {
  const { decision, phase } = await phaseOf(tx, phaseId);
  const today = dutchDate(now);
  const result = phaseStep(phase.state as PhaseState, input.action, 'coordinator');
  refuseStep(result);
  if (input.action === 'start') {
    if (input.startedOn > today) {
      throw invalidInput('startedOn', label('Datum ligt in de toekomst', 'Date lies in the future'));
    }
    await tx.db
      .updateTable('care_trajectory_phases')
      .set({ state: result.to, started_on: input.startedOn })
      .where('id', '=', phaseId)
      .execute();
    tx.record(decision, [phase.trajectory_id, phaseId], ['state', 'started_on']);
    return { id: phaseId, state: result.to };
  }
  if (input.action === 'complete') {
    if (phase.started_on && input.endedOn < phase.started_on) {
      throw invalidInput(
        'endedOn',
        label('Einde ligt vóór het begin van de fase', 'The end lies before the start of the phase'),
      );
    }
    await tx.db
      .updateTable('care_trajectory_phases')
      .set({ state: result.to, ended_on: input.endedOn })
      .where('id', '=', phaseId)
      .execute();
    tx.record(decision, [phase.trajectory_id, phaseId], ['state', 'ended_on']);
    return { id: phaseId, state: result.to };
  }
  // Propose the handover: to the next phase, only what a valid handover consent covers.
  const handover = await tx.authorize('create', 'care_handover');
  const next = await tx.db
    .selectFrom('care_trajectory_phases')
    .select(['id', 'phase', 'provider_org_id', 'state'])
    .where('trajectory_id', '=', phase.trajectory_id)
    .where('position', '=', phase.position + 1)
    .executeTakeFirst();
  if (next?.state !== 'planned') {
    throw conflict(
      label('Er is geen volgende geplande fase', 'There is no next planned phase'),
      'action',
      'no_next_phase',
    );
  }
  const consents = await tx.db
    .selectFrom('care_consents')
    .select('covers')
    .where('client_id', '=', phase.client_id)
    .where('scope', '=', 'handover')
    .where('given_on', '<=', today)
    .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>', today)]))
    .execute();
  const covers = consents.flatMap((consent) => consent.covers);
  const missing = uncovered(input.fields, covers);
  if (missing.length > 0) {
    const index = input.fields.indexOf(missing[0] as HandoverField);
    throw conflict(
      label(
        `De toestemming van de cliënt dekt de overdracht van ${missing.join(', ')} niet`,
        `The client's consent does not cover handing over ${missing.join(', ')}`,
      ),
      `fields[${index}]`,
      'consent_missing',
    );
  }
  const client = await ownClient(tx, phase.client_id);
  const { id } = await tx.db
    .insertInto('care_handovers')
    .values({
      trajectory_id: phase.trajectory_id,
      org_id: tx.actor.orgId,
      from_phase_id: phaseId,
      to_phase_id: next.id,
      to_org_id: next.provider_org_id,
      phase: next.phase,
      fields: input.fields,
      payload: JSON.stringify(payloadOf(client as unknown as Record<string, unknown>, input.fields)),
      proposed_on: today,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.db
    .updateTable('care_trajectory_phases')
    .set({ state: result.to })
    .where('id', '=', phaseId)
    .execute();
  tx.record(handover, [id, phase.trajectory_id, phase.client_id], ['fields', 'payload']);
  return { id, state: result.to };
}

/** The handovers addressed to the receiver's organisation: what the consent let travel, nothing else. */
export async function incomingHandovers(tx: AccessTx) {
  const decision = await tx.authorize('read', 'care_handover');
  const rows = await tx.db
    .selectFrom('care_handovers')
    .select([
      'id',
      'to_org_id',
      'phase',
      'fields',
      'payload',
      'state',
      'reason',
      'proposed_on',
      'decided_at',
      'source_erased_at',
    ])
    .where((eb) => decision.where(eb, 'care_handovers'))
    .where('to_org_id', '=', tx.actor.orgId)
    .orderBy('proposed_on', 'desc')
    .limit(500)
    .execute();
  return tx.disclose(
    decision,
    rows.map((row) => ({
      ...row,
      decided_at: row.decided_at?.toISOString() ?? null,
      source_erased_at: row.source_erased_at?.toISOString() ?? null,
    })),
  );
}

/** The receiver confirms (its phase starts, the previous one is handed over) or refuses with a reason. */
export async function decideHandover(
  tx: AccessTx,
  handoverId: string,
  input: { action: 'confirm_handover' } | { action: 'refuse_handover'; reason: string },
  now: Date,
) {
  const decision = await tx.authorize('transition', 'care_handover');
  const row = await tx.db
    .selectFrom('care_handovers')
    .select(['id', 'state', 'to_org_id'])
    .where('id', '=', handoverId)
    .where((eb) => decision.where(eb, 'care_handovers'))
    .executeTakeFirst();
  if (!row || row.to_org_id !== tx.actor.orgId) throw new NotFound(NOT_FOUND);
  const state: PhaseState = row.state === 'proposed' ? 'handover_proposed' : 'handed_over';
  const result = phaseStep(state, input.action, 'receiver');
  refuseStep(result);
  const confirmed = input.action === 'confirm_handover';
  const done = await sql<{ ok: boolean }>`
    SELECT care_handover_decided(${handoverId}::uuid, ${confirmed}, ${dutchDate(now)}::date) AS ok`.execute(
    tx.db,
  );
  if (!done.rows[0]?.ok) throw new NotFound(NOT_FOUND);
  await tx.db
    .updateTable('care_handovers')
    .set({ decided_by: tx.actor.userId, reason: confirmed ? null : (input as { reason: string }).reason })
    .where('id', '=', handoverId)
    .execute();
  tx.record(decision, [handoverId], confirmed ? ['state'] : ['state', 'reason']);
  return { id: handoverId, state: confirmed ? 'confirmed' : 'refused' };
}

/** Closes the trajectory with its outcome, once no phase is active or waiting for a handover. */
export async function closeTrajectory(
  tx: AccessTx,
  trajectoryId: string,
  input: { outcome: TrajectoryOutcome; closedOn: string },
  now: Date,
) {
  const decision = await tx.authorize('transition', 'care_trajectory');
  const trajectory = await tx.db
    .selectFrom('care_trajectories')
    .select(['id', 'client_id', 'closed_on', 'org_id'])
    .where('id', '=', trajectoryId)
    .where((eb) => decision.where(eb, 'care_trajectories'))
    .executeTakeFirst();
  if (!trajectory) throw new NotFound(NOT_FOUND);
  if (trajectory.closed_on) {
    throw conflict(label('Het traject is al afgesloten', 'The trajectory is already closed'), 'outcome');
  }
  if (input.closedOn > dutchDate(now)) {
    throw invalidInput('closedOn', label('Datum ligt in de toekomst', 'Date lies in the future'));
  }
  const phases = await tx.db
    .selectFrom('care_trajectory_phases')
    .select('state')
    .where('trajectory_id', '=', trajectoryId)
    .execute();
  if (!canClose(phases.map((p) => p.state as PhaseState))) {
    throw conflict(
      label(
        'Een fase loopt nog of wacht op overdracht: rond die eerst af',
        'A phase is still active or waiting for its handover: finish it first',
      ),
      'outcome',
      'phase_open',
    );
  }
  await tx.db
    .updateTable('care_trajectories')
    .set({ outcome: input.outcome, closed_on: input.closedOn })
    .where('id', '=', trajectoryId)
    .execute();
  tx.record(decision, [trajectoryId, trajectory.client_id], ['outcome', 'closed_on']);
  return { id: trajectoryId, state: 'closed' };
}
