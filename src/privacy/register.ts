import { type AccessTx, NotFound } from '../access/context.ts';
import { Conflict, InvalidInput } from '../access/users.ts';
import { addMonths } from '../domain/calendar.ts';
import { dutchDate } from '../domain/validate/date.ts';
import './tables.ts';
import type { DecisionOutcome, RequestKind } from './vocabulary.ts';

export {
  DECISIONS,
  type DecisionOutcome,
  LEGAL_GROUNDS,
  REQUEST_KINDS,
  type RequestKind,
} from './vocabulary.ts';

export const REQUEST_NOT_FOUND = 'Verzoek niet gevonden / Request not found';

export interface NewRequest {
  kind: RequestKind;
  reference: string;
  receivedOn: string;
}

type Row = Awaited<ReturnType<typeof loadRow>>;

function view(row: NonNullable<Row>, today: string) {
  const due = row.extended_until ?? row.deadline;
  return { ...row, overdue: row.status !== 'decided' && due < today };
}

async function loadRow(tx: AccessTx, id: string) {
  return tx.db
    .selectFrom('data_subject_requests')
    .selectAll()
    .where('id', '=', id)
    .where('org_id', '=', tx.actor.orgId)
    .executeTakeFirst();
}

/** A request of one's own organisation, or 404: another organisation's id looks the same as a made-up one. */
export async function requireRequest(tx: AccessTx, id: string) {
  const row = await loadRow(tx, id);
  if (!row) throw new NotFound(REQUEST_NOT_FOUND);
  return row;
}

export async function createRequest(tx: AccessTx, input: NewRequest, today = dutchDate(new Date())) {
  const decision = await tx.authorize('create', 'data_subject_request');
  if (input.receivedOn > today) {
    throw new InvalidInput(
      'Ontvangstdatum ligt in de toekomst / Received date is in the future',
      'receivedOn',
    );
  }
  const row = await tx.db
    .insertInto('data_subject_requests')
    .values({
      org_id: tx.actor.orgId,
      kind: input.kind,
      reference: input.reference,
      received_on: input.receivedOn,
      deadline: addMonths(input.receivedOn, 1),
      created_by: tx.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  tx.record(decision, [row.id], ['kind', 'reference', 'received_on', 'deadline']);
  return tx.disclose(decision, [view(row, today)])[0];
}

export async function listRequests(tx: AccessTx, options: { open?: boolean } = {}) {
  const decision = await tx.authorize('read', 'data_subject_request');
  let query = tx.db
    .selectFrom('data_subject_requests')
    .selectAll()
    .where('org_id', '=', tx.actor.orgId)
    .orderBy('received_on', 'desc')
    .limit(500);
  if (options.open) query = query.where('status', '<>', 'decided');
  const today = dutchDate(new Date());
  return tx.disclose(
    decision,
    (await query.execute()).map((row) => view(row, today)),
  );
}

export async function getRequest(tx: AccessTx, id: string) {
  const decision = await tx.authorize('read', 'data_subject_request');
  return tx.disclose(decision, [view(await requireRequest(tx, id), dutchDate(new Date()))])[0];
}

function refuseWhenDecided(row: { status: string }) {
  if (row.status === 'decided') {
    throw new Conflict('Over dit verzoek is al beslist / This request has already been decided', 'status');
  }
}

/** Art. 12(3): once, by at most two further months, with the reason told to the subject within the first month. */
export async function extendRequest(tx: AccessTx, id: string, months: 1 | 2, reason: string) {
  const decision = await tx.authorize('update', 'data_subject_request');
  const row = await requireRequest(tx, id);
  refuseWhenDecided(row);
  if (row.extended_until) {
    throw new Conflict(
      'De termijn is al verlengd; verlengen kan één keer / The deadline was already extended; it can be extended once',
      'months',
    );
  }
  const updated = await tx.db
    .updateTable('data_subject_requests')
    .set({
      extended_until: addMonths(row.deadline, months),
      extension_reason: reason,
      status: 'extended',
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  tx.record(decision, [id], ['extended_until', 'extension_reason', 'status']);
  return tx.disclose(decision, [view(updated, dutchDate(new Date()))])[0];
}

export interface RequestDecision {
  decision: DecisionOutcome;
  reason: string;
  legalGround?: string;
}

export async function decideRequest(tx: AccessTx, id: string, input: RequestDecision) {
  const decision = await tx.authorize('update', 'data_subject_request');
  const row = await requireRequest(tx, id);
  refuseWhenDecided(row);
  if (input.decision !== 'granted' && !input.legalGround) {
    throw new InvalidInput(
      'Noem de grond voor weigering of beperking / Name the legal ground for refusing or limiting',
      'legalGround',
    );
  }
  const updated = await tx.db
    .updateTable('data_subject_requests')
    .set({
      status: 'decided',
      decision: input.decision,
      decision_reason: input.reason,
      legal_ground: input.legalGround ?? null,
      decided_by: tx.actor.userId,
      decided_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  tx.record(decision, [id], ['status', 'decision', 'decision_reason', 'legal_ground'], input.decision);
  return tx.disclose(decision, [view(updated, dutchDate(new Date()))])[0];
}

/** Remembers which persons a request concerned (ids only), for the report, restriction and erasure. */
export async function addPersons(tx: AccessTx, id: string, personIds: readonly string[]) {
  const row = await requireRequest(tx, id);
  const merged = [...new Set([...row.person_ids, ...personIds])];
  if (merged.length === row.person_ids.length) return;
  await tx.db.updateTable('data_subject_requests').set({ person_ids: merged }).where('id', '=', id).execute();
}
