import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import type { Decision } from '../../access/policy.ts';
import { conflict, invalidInput, label, Problem } from '../../domain/problem.ts';
import { acceptedSignalParties, type SignalParties } from '../../signals/index.ts';
import {
  CASE_TRANSITIONS,
  type CaseAction,
  type CaseOutcome,
  type CaseState,
  caseStepRefusal,
} from '../lifecycle.ts';
import './tables.ts';
import { notify } from '../notifications/notify.ts';

export const CASE_NOT_FOUND = 'Zaak niet gevonden / Case not found';

/** 403: the actor sees the case through a referral but does not lead it. */
export function notLead(): Problem {
  return new Problem(
    403,
    'not_case_lead',
    label(
      'Alleen de regievoerende organisatie mag deze zaak wijzigen',
      'Only the organisation leading this case may change it',
    ),
  );
}

export const profileOf = (column: string) => sql<string | null>`case_profile(${sql.ref(column)})`;

export interface PersonInput {
  role: string;
  givenNames?: string;
  prefix?: string;
  surname?: string;
  alias?: string;
  dateOfBirth?: string;
  gender?: string;
  nationality?: string;
  phones?: string[];
  emails?: string[];
  minor?: boolean;
  careNeeds?: string;
  remark?: string;
}
export interface CompanyInput {
  name: string;
  kvk?: string;
  premises?: string;
  remark?: string;
}
export interface AddressInput {
  kind: string;
  street?: string;
  postcode?: string;
  city?: string;
}
export interface IdentifierInput {
  kind: string;
  value: string;
}
export interface CaseInput {
  title: string;
  summary?: string;
  approaches: string[];
  forms?: string[];
  signalIds?: string[];
  persons?: PersonInput[];
  companies?: CompanyInput[];
  addresses?: AddressInput[];
  identifiers?: IdentifierInput[];
  /** Another user of one's own organisation as owner; the creator by default. */
  ownerUserId?: string;
}

/** Appends one step to the case's history (append-only), audited with the decision that allowed it. */
export async function history(
  tx: AccessTx,
  caseId: string,
  action: string,
  detail: Record<string, unknown> = {},
  states: { from?: string | null; to?: string | null; note?: string | null } = {},
) {
  await tx.db
    .insertInto('case_history')
    .values({
      case_id: caseId,
      action,
      from_state: states.from ?? null,
      to_state: states.to ?? null,
      detail: JSON.stringify(detail),
      note: states.note ?? null,
      actor_user_id: tx.actor.userId,
      actor_org_id: tx.actor.orgId,
    })
    .execute();
}

async function checkOwner(tx: AccessTx, userId: string) {
  const user = await tx.db
    .selectFrom('users')
    .select(['id'])
    .where('id', '=', userId)
    .where('org_id', '=', tx.actor.orgId)
    .executeTakeFirst();
  if (!user) {
    throw invalidInput(
      'ownerUserId',
      label('Geen gebruiker van uw organisatie', 'Not a user of your organisation'),
    );
  }
}

/**
 * The case as the actor may change it: visible to it and led by its organisation. A case it does not see
 * is "not found" (404); one it sees through a referral is refused (403).
 */
export async function ledCase(tx: AccessTx, decision: Decision, id: string, lock = false) {
  // Not FOR UPDATE at first: under row-level security that would hide a case seen only through a referral.
  const row = await tx.db
    .selectFrom('cases')
    .select([
      'cases.id',
      'cases.reference',
      'cases.state',
      'cases.lead_org_id',
      profileOf('cases.id').as('access_profile'),
    ])
    .where('cases.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(CASE_NOT_FOUND);
  if (decision.check(row) !== null || row.access_profile !== 'lead') throw notLead();
  if (lock) {
    const locked = await tx.db
      .selectFrom('cases')
      .select('state')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    return { ...row, state: locked.state };
  }
  return row;
}

async function insertParts(
  tx: AccessTx,
  caseId: string,
  parts: {
    persons: (PersonInput & { sourceSignalId?: string })[];
    companies: (CompanyInput & { sourceSignalId?: string })[];
    addresses: AddressInput[];
    identifiers: (IdentifierInput & { sourceSignalId?: string })[];
  },
) {
  const written = {
    persons: [] as string[],
    companies: [] as string[],
    addresses: [] as string[],
    identifiers: [] as string[],
  };
  if (parts.persons.length > 0) {
    const d = await tx.authorize('create', 'case_person');
    const rows = await tx.db
      .insertInto('case_persons')
      .values(
        parts.persons.map((p) => ({
          case_id: caseId,
          role: p.role,
          given_names: p.givenNames ?? null,
          prefix: p.prefix ?? null,
          surname: p.surname ?? null,
          alias: p.alias ?? null,
          date_of_birth: p.dateOfBirth ?? null,
          gender: p.gender ?? null,
          nationality: p.nationality ?? null,
          phones: p.phones ?? [],
          emails: p.emails ?? [],
          minor: p.minor ?? false,
          care_needs: p.careNeeds ?? '',
          remark: p.remark ?? '',
          source_signal_id: p.sourceSignalId ?? null,
        })),
      )
      .returning('id')
      .execute();
    written.persons = rows.map((r) => r.id);
    tx.record(d, written.persons, ['role', 'given_names', 'surname', 'date_of_birth']);
  }
  if (parts.companies.length > 0) {
    const d = await tx.authorize('create', 'case_company');
    const rows = await tx.db
      .insertInto('case_companies')
      .values(
        parts.companies.map((c) => ({
          case_id: caseId,
          name: c.name,
          kvk: c.kvk ?? null,
          premises: c.premises ?? '',
          remark: c.remark ?? '',
          source_signal_id: c.sourceSignalId ?? null,
        })),
      )
      .returning('id')
      .execute();
    written.companies = rows.map((r) => r.id);
    tx.record(d, written.companies, ['name', 'kvk']);
  }
  if (parts.addresses.length > 0) {
    const d = await tx.authorize('create', 'case_address');
    const rows = await tx.db
      .insertInto('case_addresses')
      .values(
        parts.addresses.map((a) => ({
          case_id: caseId,
          kind: a.kind,
          street: a.street ?? '',
          postcode: a.postcode ?? '',
          city: a.city ?? '',
        })),
      )
      .returning('id')
      .execute();
    written.addresses = rows.map((r) => r.id);
    tx.record(d, written.addresses, ['kind', 'street', 'city']);
  }
  if (parts.identifiers.length > 0) {
    const d = await tx.authorize('create', 'case_identifier');
    const rows = await tx.db
      .insertInto('case_identifiers')
      .values(
        parts.identifiers.map((i) => ({
          case_id: caseId,
          kind: i.kind,
          value: i.value,
          source_signal_id: i.sourceSignalId ?? null,
        })),
      )
      .onConflict((oc) => oc.columns(['case_id', 'kind', 'value']).doNothing())
      .returning('id')
      .execute();
    written.identifiers = rows.map((r) => r.id);
    if (rows.length > 0) tx.record(d, written.identifiers, ['kind', 'value']);
  }
  return written;
}

/** The persons, companies, addresses and identifiers a case takes over from accepted signals. */
function partsFrom(signals: readonly SignalParties[]) {
  const persons: (PersonInput & { sourceSignalId?: string })[] = [];
  const companies: (CompanyInput & { sourceSignalId?: string })[] = [];
  const addresses: AddressInput[] = [];
  const identifiers: (IdentifierInput & { sourceSignalId?: string })[] = [];
  for (const signal of signals) {
    for (const p of signal.persons) {
      persons.push({
        role: p.role === 'possible_suspect' ? 'suspect' : p.role,
        givenNames: p.givenNames ?? undefined,
        prefix: p.prefix ?? undefined,
        surname: p.surname ?? undefined,
        alias: p.alias ?? undefined,
        dateOfBirth: p.dateOfBirth ?? undefined,
        gender: p.gender ?? undefined,
        nationality: p.nationality ?? undefined,
        phones: p.phones,
        emails: p.emails,
        minor: p.minor,
        sourceSignalId: signal.id,
      });
      for (const phone of p.phones)
        identifiers.push({ kind: 'phone', value: phone, sourceSignalId: signal.id });
      for (const email of p.emails)
        identifiers.push({ kind: 'email', value: email, sourceSignalId: signal.id });
    }
    for (const c of signal.companies) {
      companies.push({ name: c.name, kvk: c.kvk ?? undefined, sourceSignalId: signal.id });
      if (c.kvk) identifiers.push({ kind: 'kvk', value: c.kvk, sourceSignalId: signal.id });
      if (c.address && (c.address.street || c.address.city)) {
        addresses.push({
          kind: 'premises',
          street: [c.address.street, c.address.houseNumber].filter(Boolean).join(' '),
          postcode: c.address.postcode ?? '',
          city: c.address.city ?? '',
        });
      }
    }
    for (const url of signal.urls)
      if (url) identifiers.push({ kind: 'url', value: url, sourceSignalId: signal.id });
    for (const handle of signal.handles)
      identifiers.push({ kind: 'handle', value: handle, sourceSignalId: signal.id });
    for (const plate of signal.plates)
      identifiers.push({ kind: 'plate', value: plate, sourceSignalId: signal.id });
  }
  return { persons, companies, addresses, identifiers };
}

/**
 * Opens a case, directly or from accepted signals routed to one's own organisation (read through signals'
 * published interface under the same access context), with the signals' parties taken over. One
 * transaction: a refused signal writes nothing.
 */
export async function openCase(tx: AccessTx, input: CaseInput) {
  const decision = await tx.authorize('create', 'case');
  const ownerUserId = input.ownerUserId ?? tx.actor.userId;
  if (ownerUserId !== tx.actor.userId) await checkOwner(tx, ownerUserId);
  const signalIds = [...new Set(input.signalIds ?? [])];
  const signals = await acceptedSignalParties(tx, signalIds);
  const already = signalIds.length
    ? await sql<{
        n: string;
      }>`SELECT count(*)::text AS n FROM case_signals WHERE signal_id IN (${sql.join(signalIds)})`.execute(
        tx.db,
      )
    : { rows: [{ n: '0' }] };
  if (Number(already.rows[0]?.n) > 0) {
    throw conflict(
      label('Een van deze meldingen hoort al bij een zaak', 'One of these signals already belongs to a case'),
      'signalIds',
      'signal_in_case',
    );
  }
  const forms = [...new Set([...(input.forms ?? []), ...signals.flatMap((s) => s.forms)])];
  const seq = await sql<{ n: string }>`SELECT nextval('case_reference_seq')::text AS n`.execute(tx.db);
  const reference = `ZK-${new Date().getFullYear()}-${String(seq.rows[0]?.n).padStart(5, '0')}`;
  const created = await tx.db
    .insertInto('cases')
    .values({
      reference,
      title: input.title,
      summary: input.summary ?? '',
      lead_org_id: tx.actor.orgId,
      owner_user_id: ownerUserId,
      approaches: input.approaches,
      forms,
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow();
  tx.record(decision, [created.id], ['title', 'summary', 'approaches', 'forms', 'owner_user_id']);
  if (signalIds.length > 0) {
    const link = await tx.authorize('link', 'case');
    await tx.db
      .insertInto('case_signals')
      .values(signalIds.map((signal_id) => ({ case_id: created.id, signal_id })))
      .execute();
    tx.record(link, [created.id, ...signalIds], ['signals']);
  }
  const fromSignals = partsFrom(signals);
  await insertParts(tx, created.id, {
    persons: [...fromSignals.persons, ...(input.persons ?? [])],
    companies: [...fromSignals.companies, ...(input.companies ?? [])],
    addresses: [...fromSignals.addresses, ...(input.addresses ?? [])],
    identifiers: dedupe([...fromSignals.identifiers, ...(input.identifiers ?? [])]),
  });
  await history(tx, created.id, 'opened', { signals: signalIds }, { to: 'open' });
  return { id: created.id, reference: created.reference };
}

function dedupe<T extends IdentifierInput>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const key = `${i.kind}\u0000${i.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Adds accepted signals (with their parties) to a case one's own organisation leads. */
export async function addSignals(tx: AccessTx, caseId: string, signalIds: string[]) {
  const decision = await tx.authorize('link', 'case');
  const row = await ledCase(tx, decision, caseId, true);
  if (row.state === 'closed') throw closedCase();
  const signals = await acceptedSignalParties(tx, signalIds);
  const already = await tx.db
    .selectFrom('case_signals')
    .select('signal_id')
    .where('signal_id', 'in', signalIds)
    .execute();
  if (already.length > 0) {
    throw conflict(
      label('Een van deze meldingen hoort al bij een zaak', 'One of these signals already belongs to a case'),
      'signalIds',
      'signal_in_case',
    );
  }
  await tx.db
    .insertInto('case_signals')
    .values(signalIds.map((signal_id) => ({ case_id: caseId, signal_id })))
    .execute();
  tx.record(decision, [caseId, ...signalIds], ['signals']);
  const parts = partsFrom(signals);
  const existing = await tx.db
    .selectFrom('case_identifiers')
    .select(['kind', 'value'])
    .where('case_id', '=', caseId)
    .execute();
  const known = new Set(existing.map((i) => `${i.kind}\u0000${i.value}`));
  await insertParts(tx, caseId, {
    ...parts,
    identifiers: dedupe(parts.identifiers).filter((i) => !known.has(`${i.kind}\u0000${i.value}`)),
  });
  const forms = [...new Set(signals.flatMap((s) => s.forms))];
  if (forms.length > 0) {
    await tx.db
      .updateTable('cases')
      .set({ forms: sql<string[]>`ARRAY(SELECT DISTINCT unnest(forms || ${sql.val(forms)}::text[]))` })
      .where('id', '=', caseId)
      .execute();
  }
  await history(tx, caseId, 'signals_added', { signals: signalIds });
  return { added: signalIds.length };
}

export function closedCase(): Problem {
  return conflict(label('De zaak is gesloten', 'The case is closed'), 'state', 'case_closed');
}

/** Adds one part (person, company, address, identifier) to a case one's own organisation leads. */
export async function addPart(
  tx: AccessTx,
  caseId: string,
  part:
    | { person: PersonInput }
    | { company: CompanyInput }
    | { address: AddressInput }
    | { identifier: IdentifierInput },
) {
  const decision = await tx.authorize('update', 'case');
  const row = await ledCase(tx, decision, caseId, true);
  if (row.state === 'closed') throw closedCase();
  if ('identifier' in part) {
    const exists = await tx.db
      .selectFrom('case_identifiers')
      .select('id')
      .where('case_id', '=', caseId)
      .where('kind', '=', part.identifier.kind)
      .where('value', '=', part.identifier.value)
      .executeTakeFirst();
    if (exists) {
      throw conflict(
        label('Deze identificator staat al in de zaak', 'This identifier is already in the case'),
        'value',
        'duplicate',
      );
    }
  }
  const written = await insertParts(tx, caseId, {
    persons: 'person' in part ? [part.person] : [],
    companies: 'company' in part ? [part.company] : [],
    addresses: 'address' in part ? [part.address] : [],
    identifiers: 'identifier' in part ? [part.identifier] : [],
  });
  const id = [...written.persons, ...written.companies, ...written.addresses, ...written.identifiers][0];
  await history(tx, caseId, `${Object.keys(part)[0]}_added`, { id });
  return { id };
}

/** Adds an event to the case's timeline. */
export async function addEvent(
  tx: AccessTx,
  caseId: string,
  event: { kind: string; date?: string; place?: string; description?: string },
) {
  const decision = await tx.authorize('update', 'case');
  const row = await ledCase(tx, decision, caseId, true);
  if (row.state === 'closed') throw closedCase();
  const create = await tx.authorize('create', 'case_event');
  const created = await tx.db
    .insertInto('case_events')
    .values({
      case_id: caseId,
      kind: event.kind,
      event_date: event.date ?? null,
      place: event.place ?? '',
      description: event.description ?? '',
      created_by: tx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  tx.record(create, [created.id], ['kind', 'event_date', 'place', 'description']);
  await history(tx, caseId, 'event_added', { id: created.id, kind: event.kind });
  return { id: created.id };
}

/** A case step: hold, resume, close (with outcome and reason; the reason names why open tasks stay open). */
export async function transitionCase(
  tx: AccessTx,
  caseId: string,
  step: { action: CaseAction; outcome?: CaseOutcome; reason?: string },
) {
  const decision = await tx.authorize('transition', 'case');
  const row = await ledCase(tx, decision, caseId, true);
  const state = row.state as CaseState;
  const refusal = caseStepRefusal(state, step.action);
  if (refusal) throw conflict(refusal, 'action', 'transition_not_allowed');
  const reason = step.reason?.trim() ?? '';
  if (step.action === 'close') {
    if (!step.outcome) throw invalidInput('outcome', label('Kies een uitkomst', 'Choose an outcome'));
    const open = await tx.db
      .selectFrom('case_tasks')
      .select(sql<string>`count(*)::text`.as('n'))
      .where('case_id', '=', caseId)
      .where('state', '=', 'open')
      .executeTakeFirstOrThrow();
    if (!reason) {
      throw invalidInput(
        'reason',
        Number(open.n) > 0
          ? label(
              `Er staan nog ${open.n} open taken: geef een reden om de zaak toch te sluiten`,
              `${open.n} tasks are still open: give a reason to close the case anyway`,
            )
          : label('Geef een reden om de zaak te sluiten', 'Give a reason for closing the case'),
      );
    }
  }
  const to = CASE_TRANSITIONS[step.action].to;
  await tx.db
    .updateTable('cases')
    .set({
      state: to,
      state_changed_at: new Date(),
      outcome: step.action === 'close' ? (step.outcome ?? null) : null,
      close_reason: step.action === 'close' ? reason : null,
    })
    .where('id', '=', caseId)
    .execute();
  tx.record(decision, [caseId], ['state', 'outcome', 'close_reason']);
  await history(tx, caseId, step.action, step.outcome ? { outcome: step.outcome } : {}, {
    from: state,
    to,
    note: reason || null,
  });
  return { id: caseId, state: to };
}

/** Adds a task; the owner is a user of an organisation, or an organisation. */
export async function addTask(
  tx: AccessTx,
  caseId: string,
  task: { title: string; ownerOrgId?: string; ownerUserId?: string; dueOn?: string },
) {
  const decision = await tx.authorize('create', 'case_task');
  const row = await ledCase(tx, await tx.authorize('update', 'case'), caseId, true);
  if (row.state === 'closed') throw closedCase();
  let ownerOrg = task.ownerOrgId ?? tx.actor.orgId;
  if (task.ownerUserId) {
    const user = await tx.db
      .selectFrom('users')
      .select(['id', 'org_id'])
      .where('id', '=', task.ownerUserId)
      .executeTakeFirst();
    if (!user) throw invalidInput('ownerUserId', label('Onbekende gebruiker', 'Unknown user'));
    if (task.ownerOrgId && task.ownerOrgId !== user.org_id) {
      throw invalidInput(
        'ownerOrgId',
        label('De gebruiker hoort niet bij deze organisatie', 'The user is not of this organisation'),
      );
    }
    ownerOrg = user.org_id;
  } else if (task.ownerOrgId) {
    const org = await tx.db
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', task.ownerOrgId)
      .executeTakeFirst();
    if (!org) throw invalidInput('ownerOrgId', label('Onbekende organisatie', 'Unknown organisation'));
  }
  const created = await tx.db
    .insertInto('case_tasks')
    .values({
      case_id: caseId,
      title: task.title,
      owner_org_id: ownerOrg,
      owner_user_id: task.ownerUserId ?? null,
      due_on: task.dueOn ?? null,
      created_by: tx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  tx.record(decision, [created.id], ['title', 'owner_org_id', 'owner_user_id', 'due_on']);
  await history(tx, caseId, 'task_added', { id: created.id, ownerOrgId: ownerOrg });
  await notify(tx, ownerOrg, 'task_assigned', '/taken');
  return { id: created.id };
}

/** Marks a task done or cancelled (or open again): the lead, or the owning organisation. */
export async function updateTask(tx: AccessTx, taskId: string, state: 'open' | 'done' | 'cancelled') {
  const decision = await tx.authorize('update', 'case_task');
  const task = await tx.db
    .selectFrom('case_tasks')
    .select(['id', 'case_id', 'state', 'owner_org_id', profileOf('case_tasks.case_id').as('access_profile')])
    .where('id', '=', taskId)
    .where((eb) => decision.where(eb, 'case_tasks'))
    .forUpdate()
    .executeTakeFirst();
  if (!task) throw new NotFound('Taak niet gevonden / Task not found');
  if (task.access_profile !== 'lead' && task.owner_org_id !== tx.actor.orgId) throw notLead();
  if (task.state === state) {
    throw conflict(
      label('De taak heeft deze status al', 'The task already has this state'),
      'state',
      'unchanged',
    );
  }
  await tx.db
    .updateTable('case_tasks')
    .set({ state, done_at: state === 'open' ? null : new Date() })
    .where('id', '=', taskId)
    .execute();
  tx.record(decision, [taskId], ['state']);
  await history(tx, task.case_id, 'task_updated', { id: taskId }, { from: task.state, to: state });
  return { id: taskId, state };
}
