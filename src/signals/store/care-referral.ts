import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import './tables.ts';

/** What care may take from a signal routed to its care coordinator: the possible victim as far as known. */
export interface CareReferral {
  signalId: string;
  forms: string[];
  municipality: string | null;
  involvesMinor: boolean;
  victim: {
    givenNames: string | null;
    prefix: string | null;
    surname: string | null;
    alias: string | null;
    dateOfBirth: string | null;
    birthYear: number | null;
    gender: string | null;
    nationality: string | null;
  } | null;
}

/**
 * A signal routed (route `care_coordinator`) to the actor's own organisation, read under the actor's grant on
 * signals (care_coordination), with its first possible victim. Anything else is "not found": a care
 * coordinator never takes on a person from a signal it did not receive.
 */
export async function careReferral(tx: AccessTx, signalId: string): Promise<CareReferral> {
  const decision = await tx.authorize('read', 'signal');
  const signal = await tx.db
    .selectFrom('signals')
    .select(['id', 'forms', 'municipality', 'involves_minor', 'route', 'routed_org_id', 'state'])
    .where('id', '=', signalId)
    .where('routed_org_id', '=', tx.actor.orgId)
    .where('route', '=', 'care_coordinator')
    .where('state', 'in', ['routed', 'accepted', 'closed'])
    .where((eb) => decision.where(eb, 'signals'))
    .executeTakeFirst();
  if (!signal) throw new NotFound('Melding niet gevonden / Signal not found');
  const people = await tx.authorize('read', 'signal_person');
  const victim = await tx.db
    .selectFrom('signal_persons')
    .select([
      'given_names',
      'prefix',
      'surname',
      'alias',
      'date_of_birth',
      'birth_year',
      'gender',
      'nationality',
    ])
    .where('signal_id', '=', signalId)
    .where('role', '=', 'possible_victim')
    .where((eb) => people.where(eb, 'signal_persons'))
    .orderBy('position')
    .executeTakeFirst();
  tx.disclose(decision, [{ id: signal.id, forms: signal.forms }]);
  return {
    signalId: signal.id,
    forms: signal.forms,
    municipality: signal.municipality,
    involvesMinor: signal.involves_minor,
    victim: victim
      ? {
          givenNames: victim.given_names,
          prefix: victim.prefix,
          surname: victim.surname,
          alias: victim.alias,
          dateOfBirth: victim.date_of_birth,
          birthYear: victim.birth_year,
          gender: victim.gender,
          nationality: victim.nationality,
        }
      : null,
  };
}
