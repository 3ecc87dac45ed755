import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import { conflict, invalidInput, label, Problem } from '../../domain/problem.ts';
import { notify } from '../notifications/notify.ts';
import { history, profileOf } from '../store/cases.ts';
import { getCase } from '../store/read.ts';
import './tables.ts';

export const CONSULTATION_NOT_FOUND = 'Casusoverleg niet gevonden / Consultation not found';
const ITEM_NOT_FOUND = 'Agendapunt niet gevonden / Agenda item not found';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const participantOf = (column: string) => sql<boolean>`consultation_participant(${sql.ref(column)})`;

export interface ConsultationInput {
  title: string;
  startsAt: string;
  endsAt: string;
  location?: string;
  orgIds: string[];
  caseIds?: string[];
}

function onlyChair(): Problem {
  return new Problem(
    403,
    'not_consultation_chair',
    label(
      'Alleen de voorzittende organisatie legt besluiten en acties vast',
      'Only the chairing organisation records decisions and actions',
    ),
  );
}

function notShared(field: string): Problem {
  return new Problem(
    403,
    'case_not_shared',
    label(
      'Deze zaak is niet met uw organisatie gedeeld voor het casusoverleg',
      'This case is not shared with your organisation for case consultation',
    ),
    field,
  );
}

/** The consultation as a participant sees it (404 when it is not one). */
async function visibleConsultation(tx: AccessTx, id: string) {
  const decision = await tx.authorize('read', 'consultation');
  const row = await tx.db
    .selectFrom('consultations')
    .innerJoin('organisations as chair', 'chair.id', 'consultations.chair_org_id')
    .selectAll('consultations')
    .select(['chair.name as chair_org_name', participantOf('consultations.id').as('participant')])
    .where('consultations.id', '=', id)
    .where((eb) => decision.where(eb, 'consultations'))
    .executeTakeFirst();
  if (!row) throw new NotFound(CONSULTATION_NOT_FOUND);
  return { decision, row };
}

/** Puts a case on the agenda: the actor's organisation must see the case itself (the chair widens nothing). */
async function insertItem(tx: AccessTx, consultationId: string, caseId: string, carried: boolean) {
  const seen = await tx.db
    .selectFrom('cases')
    .select(['id', 'reference', profileOf('cases.id').as('access_profile')])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!seen || seen.access_profile === null) throw notShared('caseId');
  const exists = await tx.db
    .selectFrom('consultation_items')
    .select('id')
    .where('consultation_id', '=', consultationId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (exists) {
    if (carried) return null;
    throw conflict(label('Deze zaak staat al op de agenda', 'This case is already on the agenda'), 'caseId');
  }
  const position = await tx.db
    .selectFrom('consultation_items')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
    .where('consultation_id', '=', consultationId)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  await tx.db
    .insertInto('consultation_items')
    .values({
      id,
      consultation_id: consultationId,
      case_id: caseId,
      position: Number(position.next),
      added_by_org: tx.actor.orgId,
      carried_over: carried,
    })
    .execute();
  return { id, reference: seen.reference };
}

/**
 * Plans a consultation chaired by the actor's organisation, with the invited organisations and, optionally,
 * cases it sees itself. Cases with actions still open from the chair's earlier consultations come back on the
 * agenda by themselves.
 */
export async function createConsultation(tx: AccessTx, input: ConsultationInput) {
  const decision = await tx.authorize('create', 'consultation');
  if (new Date(input.endsAt) <= new Date(input.startsAt)) {
    throw invalidInput('endsAt', label('Het einde ligt niet na het begin', 'The end is not after the start'));
  }
  const invited = [...new Set(input.orgIds)].filter((org) => org !== tx.actor.orgId);
  if (invited.length === 0) {
    throw invalidInput(
      'orgIds',
      label('Nodig ten minste één andere organisatie uit', 'Invite at least one other organisation'),
    );
  }
  const known = await tx.db.selectFrom('organisations').select('id').where('id', 'in', invited).execute();
  if (known.length !== invited.length) {
    throw invalidInput('orgIds', label('Onbekende organisatie', 'Unknown organisation'));
  }
  const id = randomUUID();
  await tx.db
    .insertInto('consultations')
    .values({
      id,
      title: input.title,
      chair_org_id: tx.actor.orgId,
      org_ids: sql<string[]>`${sql.val([tx.actor.orgId, ...invited])}::uuid[]`,
      starts_at: new Date(input.startsAt),
      ends_at: new Date(input.endsAt),
      location: input.location ?? '',
      created_by: tx.actor.userId,
    })
    .execute();
  tx.record(decision, [id], ['title', 'starts_at', 'ends_at', 'location', 'org_ids']);
  for (const org of invited) await notify(tx, org, 'consultation_invitation', `/overleg/${id}`);
  for (const caseId of input.caseIds ?? []) await addItemTo(tx, id, caseId, false);
  // Actions agreed earlier under this chair and still open: their cases come back on the agenda.
  const open = await tx.db
    .selectFrom('case_tasks')
    .innerJoin('consultations as earlier', 'earlier.id', 'case_tasks.consultation_id')
    .select('case_tasks.case_id')
    .distinct()
    .where('earlier.chair_org_id', '=', tx.actor.orgId)
    .where('earlier.id', '<>', id)
    .where('case_tasks.state', '=', 'open')
    .where(profileOf('case_tasks.case_id'), 'is not', null)
    .execute();
  for (const task of open) await addItemTo(tx, id, task.case_id, true);
  return { id };
}

async function addItemTo(tx: AccessTx, consultationId: string, caseId: string, carried: boolean) {
  const decision = await tx.authorize('create', 'consultation_item');
  const item = await insertItem(tx, consultationId, caseId, carried);
  if (!item) return null;
  tx.record(decision, [item.id], ['case_id']);
  await history(tx, caseId, 'consultation_agenda', { consultationId, itemId: item.id, carried });
  return item;
}

/** A participant puts a case it sees on the agenda of a consultation that is still planned. */
export async function addItem(tx: AccessTx, consultationId: string, caseId: string) {
  const { row } = await visibleConsultation(tx, consultationId);
  if (row.state !== 'planned') throw held();
  const item = await addItemTo(tx, consultationId, caseId, false);
  return { id: item?.id as string };
}

function held(): Problem {
  return conflict(
    label('Dit casusoverleg is al gehouden', 'This consultation has already been held'),
    'state',
    'consultation_held',
  );
}

/** An organisation names one of its own users as an attendee. */
export async function addPerson(tx: AccessTx, consultationId: string, userId: string) {
  const decision = await tx.authorize('read', 'consultation');
  await visibleConsultation(tx, consultationId);
  const user = await tx.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', '=', userId)
    .where('org_id', '=', tx.actor.orgId)
    .executeTakeFirst();
  if (!user)
    throw invalidInput(
      'userId',
      label('Geen gebruiker van uw organisatie', 'Not a user of your organisation'),
    );
  const done = await tx.db
    .insertInto('consultation_people')
    .values({ consultation_id: consultationId, user_id: user.id, org_id: tx.actor.orgId, name: user.name })
    .onConflict((oc) => oc.doNothing())
    .execute();
  tx.record(decision, [consultationId], ['people']);
  return { added: Number(done[0]?.numInsertedOrUpdatedRows ?? 0) };
}

async function visibleItem(tx: AccessTx, itemId: string) {
  const decision = await tx.authorize('read', 'consultation_item');
  const item = await tx.db
    .selectFrom('consultation_items')
    .innerJoin('consultations', 'consultations.id', 'consultation_items.consultation_id')
    .select([
      'consultation_items.id',
      'consultation_items.consultation_id',
      'consultation_items.case_id',
      'consultations.chair_org_id',
      'consultations.org_ids',
      participantOf('consultation_items.consultation_id').as('participant'),
      profileOf('consultation_items.case_id').as('access_profile'),
    ])
    .where('consultation_items.id', '=', itemId)
    .where((eb) => decision.where(eb, 'consultation_items'))
    .executeTakeFirst();
  if (!item) throw new NotFound(ITEM_NOT_FOUND);
  // A participant without a grant on the item's case learns nothing of it, not even by writing.
  if (item.access_profile === null) throw notShared('itemId');
  return item;
}

/** A partner's contribution to an agenda item, or (the chair) a decision. */
export async function addNote(
  tx: AccessTx,
  itemId: string,
  note: { kind: 'contribution' | 'decision'; text: string },
) {
  const decision = await tx.authorize('create', 'consultation_note');
  const item = await visibleItem(tx, itemId);
  if (note.kind === 'decision' && item.chair_org_id !== tx.actor.orgId) throw onlyChair();
  const id = randomUUID();
  await tx.db
    .insertInto('consultation_notes')
    .values({
      id,
      item_id: itemId,
      consultation_id: item.consultation_id,
      case_id: item.case_id,
      kind: note.kind,
      text: note.text,
      org_id: tx.actor.orgId,
      author_user_id: tx.actor.userId,
    })
    .execute();
  tx.record(decision, [id], ['kind', 'text']);
  return { id };
}

/**
 * An agreed action (the chair): a task of the case owned by a participating organisation, so it lands in that
 * organisation's task list; it comes back on the chair's next consultation until it is done.
 */
export async function addAction(
  tx: AccessTx,
  itemId: string,
  action: { title: string; ownerOrgId: string; dueOn: string },
) {
  const decision = await tx.authorize('create', 'consultation_note');
  const item = await visibleItem(tx, itemId);
  if (item.chair_org_id !== tx.actor.orgId) throw onlyChair();
  if (!item.org_ids.includes(action.ownerOrgId)) {
    throw invalidInput(
      'ownerOrgId',
      label(
        'Geen deelnemende organisatie van dit overleg',
        'Not a participating organisation of this consultation',
      ),
    );
  }
  const taskId = randomUUID();
  // No RETURNING: the chair may not read a task another organisation owns in a case it does not lead.
  await tx.db
    .insertInto('case_tasks')
    .values({
      id: taskId,
      case_id: item.case_id,
      title: action.title,
      owner_org_id: action.ownerOrgId,
      due_on: action.dueOn,
      created_by: tx.actor.userId,
      consultation_id: item.consultation_id,
    })
    .execute();
  const id = randomUUID();
  await tx.db
    .insertInto('consultation_notes')
    .values({
      id,
      item_id: itemId,
      consultation_id: item.consultation_id,
      case_id: item.case_id,
      kind: 'action',
      text: action.title,
      org_id: tx.actor.orgId,
      author_user_id: tx.actor.userId,
      task_id: taskId,
    })
    .execute();
  tx.record(decision, [id, taskId], ['kind', 'text', 'task_id']);
  await history(tx, item.case_id, 'consultation_action', {
    consultationId: item.consultation_id,
    taskId,
    ownerOrgId: action.ownerOrgId,
  });
  await notify(tx, action.ownerOrgId, 'task_assigned', '/taken');
  return { id, taskId };
}

/** The chair records that the consultation was held; the agenda is then fixed. */
export async function markHeld(tx: AccessTx, id: string) {
  const decision = await tx.authorize('transition', 'consultation');
  const { row } = await visibleConsultation(tx, id);
  if (row.chair_org_id !== tx.actor.orgId) throw onlyChair();
  if (row.state === 'held') throw held();
  await tx.db
    .updateTable('consultations')
    .set({ state: 'held', held_at: new Date() })
    .where('id', '=', id)
    .execute();
  tx.record(decision, [id], ['state']);
  return { id, state: 'held' };
}

/** The consultations of one's organisation (chaired or invited), newest first. */
export async function listConsultations(tx: AccessTx) {
  const decision = await tx.authorize('read', 'consultation');
  const rows = await tx.db
    .selectFrom('consultations')
    .innerJoin('organisations as chair', 'chair.id', 'consultations.chair_org_id')
    .select([
      'consultations.id',
      'consultations.title',
      'consultations.chair_org_id',
      'chair.name as chair_org_name',
      'consultations.starts_at',
      'consultations.ends_at',
      'consultations.location',
      'consultations.state',
      participantOf('consultations.id').as('participant'),
    ])
    .where((eb) => decision.where(eb, 'consultations'))
    .orderBy('consultations.starts_at', 'desc')
    .limit(200)
    .execute();
  return tx.disclose(
    decision,
    rows.map((r) => ({ ...r, starts_at: iso(r.starts_at), ends_at: iso(r.ends_at) })),
  );
}

/**
 * The meeting as the actor's organisation sees it: per agenda item either the case with exactly the parts its
 * own grant opens (the case grants decide, under case_consultation) and the item's minutes, or only "not
 * shared with you" and the item's position.
 */
export async function getConsultation(tx: AccessTx, id: string, withCases = true) {
  const { decision, row } = await visibleConsultation(tx, id);
  const organisations = await tx.db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', row.org_ids)
    .orderBy('name')
    .execute();
  const people = await tx.db
    .selectFrom('consultation_people')
    .innerJoin('organisations', 'organisations.id', 'consultation_people.org_id')
    .select(['consultation_people.name', 'organisations.name as org_name'])
    .where('consultation_id', '=', id)
    .orderBy('organisations.name')
    .orderBy('consultation_people.name')
    .execute();
  const [consultation] = tx.disclose(decision, [
    {
      ...row,
      starts_at: iso(row.starts_at),
      ends_at: iso(row.ends_at),
      held_at: iso(row.held_at),
      created_at: iso(row.created_at),
      organisations: organisations.map((o) => ({ id: o.id, name: o.name, chair: o.id === row.chair_org_id })),
      people: people.map((p) => ({ name: p.name, orgName: p.org_name })),
    },
  ]);

  const itemDecision = await tx.authorize('read', 'consultation_item');
  const items = await tx.db
    .selectFrom('consultation_items')
    .leftJoin('cases', 'cases.id', 'consultation_items.case_id')
    .select([
      'consultation_items.id',
      'consultation_items.consultation_id',
      'consultation_items.case_id',
      'consultation_items.position',
      'consultation_items.carried_over',
      'cases.reference as case_reference',
      'cases.title as case_title',
      participantOf('consultation_items.consultation_id').as('participant'),
      profileOf('consultation_items.case_id').as('access_profile'),
    ])
    .where('consultation_items.consultation_id', '=', id)
    .where((eb) => itemDecision.where(eb, 'consultation_items'))
    .orderBy('consultation_items.position')
    .execute();

  const noteDecision = await tx.authorize('read', 'consultation_note');
  const notes = await tx.db
    .selectFrom('consultation_notes')
    .innerJoin('organisations as org', 'org.id', 'consultation_notes.org_id')
    .leftJoin('users as author', 'author.id', 'consultation_notes.author_user_id')
    .leftJoin('case_tasks as task', 'task.id', 'consultation_notes.task_id')
    .leftJoin('organisations as task_owner', 'task_owner.id', 'task.owner_org_id')
    .selectAll('consultation_notes')
    .select([
      'org.name as org_name',
      'author.name as author_name',
      'task_owner.name as task_owner_org_name',
      'task.due_on as task_due_on',
      'task.state as task_state',
      participantOf('consultation_notes.consultation_id').as('participant'),
      profileOf('consultation_notes.case_id').as('access_profile'),
    ])
    .where((eb) =>
      eb.or([
        eb('consultation_notes.consultation_id', '=', id),
        // Open actions of earlier consultations on the same cases come back with the item.
        eb.and([
          eb('consultation_notes.kind', '=', 'action'),
          eb('task.state', '=', 'open'),
          eb(
            'consultation_notes.case_id',
            'in',
            items.map((i) => i.case_id).concat(['00000000-0000-0000-0000-000000000000']),
          ),
        ]),
      ]),
    )
    .where((eb) => noteDecision.where(eb, 'consultation_notes'))
    .orderBy('consultation_notes.created_at')
    .execute();
  const shownNotes = tx.disclose(
    noteDecision,
    notes.map((n) => ({ ...n, created_at: iso(n.created_at) })),
  );

  const agenda = [];
  for (const item of items) {
    if (item.access_profile === null) {
      // Not shared with this organisation: its position only, never its case.
      agenda.push({ id: item.id, position: item.position, shared: false });
      continue;
    }
    const [view] = tx.disclose(itemDecision, [{ ...item, shared: true }]);
    const mine = shownNotes.filter((n) => n.case_id === item.case_id);
    agenda.push({
      ...view,
      case: withCases ? await getCase(tx, item.case_id) : null,
      notes: mine.filter((n) => n.consultation_id === id),
      open_actions: mine.filter((n) => n.consultation_id !== id),
    });
  }
  return { ...consultation, agenda };
}
