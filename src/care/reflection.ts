import { type AccessTx, NotFound } from '../access/context.ts';
import { conflict, invalidInput, label } from '../domain/problem.ts';
import { dutchDate } from '../domain/validate/date.ts';
import { CLIENT_NOT_FOUND } from './clients.ts';
import { addMonths, MAX_MONTHS, reflectionClock } from './reflection-clock.ts';
import './tables.ts';

/**
 * The reflection period (bedenktijd, Vreemdelingencirculaire 2000 B8/3) of a foreign victim: the offer, the
 * start and its deadline (at most three months), the victim's decision, the residence permit application and
 * its decision. Dates and states only, never legal advice.
 */
export type ReflectionStep =
  | { action: 'offer'; offeredOn: string }
  | { action: 'start'; startedOn: string; endsOn?: string }
  | { action: 'decide'; decision: 'report' | 'cooperate' | 'decline'; decisionOn: string }
  | { action: 'apply_permit'; appliedOn: string }
  | { action: 'permit_decision'; decision: 'granted' | 'refused'; decidedOn: string }
  | { action: 'end'; endedOn: string };

export const LEGAL_REFERENCES = [
  {
    code: 'B8/3',
    label: label('Vreemdelingencirculaire 2000, hoofdstuk B8/3', 'Aliens Circular 2000, chapter B8/3'),
  },
];

export async function reflectionStep(tx: AccessTx, clientId: string, step: ReflectionStep, now: Date) {
  const read = await tx.authorize('read', 'care_client');
  const client = await tx.db
    .selectFrom('care_clients')
    .select(['id', 'immigration_status'])
    .where('id', '=', clientId)
    .where((eb) => read.where(eb, 'care_clients'))
    .executeTakeFirst();
  if (!client) throw new NotFound(CLIENT_NOT_FOUND);
  const today = dutchDate(now);
  const future = (field: string, date: string) => {
    if (date > today)
      throw invalidInput(field, label('Datum ligt in de toekomst', 'Date lies in the future'));
  };
  const period = await tx.db
    .selectFrom('reflection_periods')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (step.action === 'offer') {
    const decision = await tx.authorize('create', 'reflection_period');
    if (client.immigration_status === 'dutch' || client.immigration_status === 'eu') {
      throw conflict(
        label(
          'Bedenktijd is er voor slachtoffers zonder rechtmatig verblijf (derde land)',
          'The reflection period is for victims without lawful residence (third country)',
        ),
        'immigrationStatus',
        'not_applicable',
      );
    }
    if (period) {
      throw conflict(
        label('De bedenktijd is al aangeboden', 'The reflection period has already been offered'),
        'offeredOn',
        'already_offered',
      );
    }
    future('offeredOn', step.offeredOn);
    const { id } = await tx.db
      .insertInto('reflection_periods')
      .values({ client_id: clientId, org_id: tx.actor.orgId, offered_on: step.offeredOn })
      .returning('id')
      .executeTakeFirstOrThrow();
    tx.record(decision, [id, clientId], ['offered_on']);
    return { id };
  }
  const decision = await tx.authorize('transition', 'reflection_period');
  if (!period) {
    throw conflict(
      label('Er is nog geen bedenktijd aangeboden', 'No reflection period has been offered yet'),
      'action',
      'not_offered',
    );
  }
  let set: Record<string, string>;
  switch (step.action) {
    case 'start': {
      if (period.started_on) {
        throw conflict(
          label(
            `De bedenktijd is al gestart op ${period.started_on}`,
            `The reflection period already started on ${period.started_on}`,
          ),
          'startedOn',
          'already_started',
        );
      }
      future('startedOn', step.startedOn);
      if (step.startedOn < period.offered_on) {
        throw invalidInput('startedOn', label('Start ligt vóór het aanbod', 'Start lies before the offer'));
      }
      const latest = addMonths(step.startedOn, MAX_MONTHS);
      const endsOn = step.endsOn ?? latest;
      if (endsOn > latest) {
        throw invalidInput(
          'endsOn',
          label(
            `De bedenktijd duurt ten hoogste drie maanden (uiterlijk ${latest})`,
            `The reflection period lasts at most three months (until ${latest} at the latest)`,
          ),
        );
      }
      if (endsOn < step.startedOn) {
        throw invalidInput('endsOn', label('Einddatum ligt vóór de start', 'End date lies before the start'));
      }
      set = { started_on: step.startedOn, ends_on: endsOn };
      break;
    }
    case 'decide':
      if (!period.started_on)
        throw conflict(
          label('De bedenktijd is niet gestart', 'The reflection period has not started'),
          'decisionOn',
          'not_started',
        );
      future('decisionOn', step.decisionOn);
      if (step.decisionOn < period.started_on) {
        throw invalidInput(
          'decisionOn',
          label(
            'Besluit ligt vóór de start van de bedenktijd',
            'Decision lies before the start of the reflection period',
          ),
        );
      }
      set = { decision: step.decision, decision_on: step.decisionOn };
      break;
    case 'apply_permit':
      if (!period.decision || period.decision === 'decline') {
        throw conflict(
          label(
            'Een aanvraag B8/3 volgt op aangifte of medewerking',
            'A B8/3 application follows a report or cooperation',
          ),
          'appliedOn',
          'no_report',
        );
      }
      future('appliedOn', step.appliedOn);
      if (period.decision_on && step.appliedOn < period.decision_on) {
        throw invalidInput(
          'appliedOn',
          label(
            'Aanvraag ligt vóór het besluit van het slachtoffer',
            'Application lies before the victim’s decision',
          ),
        );
      }
      set = { permit_applied_on: step.appliedOn };
      break;
    case 'permit_decision':
      if (!period.permit_applied_on)
        throw conflict(
          label('Er is geen aanvraag', 'There is no application'),
          'decidedOn',
          'no_application',
        );
      future('decidedOn', step.decidedOn);
      if (step.decidedOn < period.permit_applied_on) {
        throw invalidInput(
          'decidedOn',
          label('Beslissing ligt vóór de aanvraag', 'Decision lies before the application'),
        );
      }
      set = { permit_decision: step.decision, permit_decided_on: step.decidedOn };
      break;
    case 'end':
      if (!period.started_on) {
        throw conflict(
          label(
            'De bedenktijd is niet gestart en kan dus niet eindigen',
            'The reflection period has not started, so it cannot end',
          ),
          'endedOn',
          'not_started',
        );
      }
      if (period.ended_on)
        throw conflict(
          label('De bedenktijd is al geëindigd', 'The reflection period has already ended'),
          'endedOn',
          'already_ended',
        );
      if (step.endedOn < period.started_on) {
        throw invalidInput(
          'endedOn',
          label(
            `Einde ligt vóór de start (${period.started_on})`,
            `End lies before the start (${period.started_on})`,
          ),
        );
      }
      future('endedOn', step.endedOn);
      set = { ended_on: step.endedOn };
      break;
  }
  await tx.db.updateTable('reflection_periods').set(set).where('id', '=', period.id).execute();
  tx.record(decision, [period.id, clientId], Object.keys(set));
  const updated = { ...period, ...set };
  return { id: period.id, clock: reflectionClock(updated, today) };
}

/** Every running clock of the own organisation, soonest deadline first (the coordinator's overview). */
export async function reflectionClocks(tx: AccessTx, now: Date) {
  const decision = await tx.authorize('read', 'reflection_period');
  const rows = await tx.db
    .selectFrom('reflection_periods')
    .selectAll()
    .where((eb) => decision.where(eb, 'reflection_periods'))
    .orderBy('ends_on')
    .execute();
  const today = dutchDate(now);
  return tx.disclose(
    decision,
    rows.map((row) => ({ ...row, clock: reflectionClock(row, today) })),
  );
}
