import type { AccessTx } from '../../access/context.ts';
import type { Refusal, SubjectRightsContext } from '../../capability.ts';
import { ROUTES, type RouteCode } from '../routes.ts';
import { personKeys } from '../store/person-links.ts';
import { loadOwnPersons, type OwnPerson } from './persons.ts';
import { erasedPersonFields, scrubIndicatorRemarks, scrubText, traceValues } from './scrub.ts';

type Identifier = { kind: string; value: string };

/** The identifiers intake derived from this person (signals/store/identifiers.ts and person-links.ts). */
export function identifiersOfPerson(person: OwnPerson): Identifier[] {
  return [
    ...person.phones.map((value) => ({ kind: 'phone', value })),
    ...person.emails.map((value) => ({ kind: 'email', value })),
    ...(person.bsn_fingerprint ? [{ kind: 'bsn', value: person.bsn_fingerprint }] : []),
    ...personKeys({
      givenNames: person.given_names,
      prefix: person.prefix,
      surname: person.surname,
      dateOfBirth: person.date_of_birth,
      birthYear: person.birth_year,
      gender: person.gender,
      nationality: person.nationality,
    }).map((value) => ({ kind: 'person_key', value })),
  ];
}

/**
 * Removes a person's identifiers from the lookup index, except those another active person of the same
 * signal also has: a restricted or erased person can then no longer be found by linking.
 */
export async function dropIdentifiers(tx: AccessTx, person: OwnPerson) {
  const mine = identifiersOfPerson(person);
  if (mine.length === 0) return;
  const siblings = await tx.db
    .selectFrom('signal_persons as p')
    .innerJoin('signals as s', 's.id', 'p.signal_id')
    .select([
      'p.id',
      'p.signal_id',
      'p.phones',
      'p.emails',
      'p.bsn_fingerprint',
      'p.given_names',
      'p.prefix',
      'p.surname',
      'p.date_of_birth',
      'p.birth_year',
      'p.gender',
      'p.nationality',
    ])
    .where('p.signal_id', '=', person.signal_id)
    .where('p.id', '<>', person.id)
    .where('p.restricted_at', 'is', null)
    .where('p.erased_at', 'is', null)
    .execute();
  const kept = new Set(
    siblings
      .flatMap((sibling) => identifiersOfPerson(sibling as unknown as OwnPerson))
      .map((i) => `${i.kind}:${i.value}`),
  );
  for (const identifier of mine.filter((i) => !kept.has(`${i.kind}:${i.value}`))) {
    await tx.db
      .deleteFrom('signal_identifiers')
      .where('signal_id', '=', person.signal_id)
      .where('kind', '=', identifier.kind)
      .where('value', '=', identifier.value)
      .execute();
  }
}

/** Art. 18: kept (storage), but hidden from every other purpose and from linking until lifted. */
export async function restrictPersons(
  tx: AccessTx,
  { decision, requestId }: SubjectRightsContext,
  ids: readonly string[],
  lift: boolean,
): Promise<{ done: string[]; refused: Refusal[] }> {
  const own = (await loadOwnPersons(tx, ids)).filter((p) => p.erased_at === null);
  // The criminal-track rule of erasure holds here too: restricting data under investigation would change
  // what the investigating team sees. Refused with the ground; the holder of that track decides (Wpg).
  const refused = lift
    ? []
    : own.flatMap((p) => {
        const duty = retentionDuty(p);
        return duty ? [{ personId: p.id, signalId: p.signal_id, legalGround: duty }] : [];
      });
  const persons = own.filter((p) => !refused.some((r) => r.personId === p.id));
  for (const person of persons) {
    if (lift) {
      const identifiers = identifiersOfPerson(person);
      if (identifiers.length > 0) {
        await tx.db
          .insertInto('signal_identifiers')
          .values(identifiers.map((i) => ({ signal_id: person.signal_id, ...i })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    } else {
      await dropIdentifiers(tx, person);
    }
  }
  const done = persons.map((p) => p.id);
  if (done.length > 0) {
    await tx.db
      .updateTable('signal_persons')
      .set({ restricted_at: lift ? null : new Date() })
      .where('id', 'in', done)
      .execute();
  }
  tx.record(decision, [requestId, ...done], ['restricted_at'], lift ? 'restriction_lifted' : 'art_18');
  for (const refusal of refused) {
    tx.record(decision, [requestId, refusal.personId], [], `not restricted: ${refusal.legalGround}`);
  }
  return { done, refused };
}

/** Why a person's data must be kept despite an erasure request, or null when it may go. */
export function retentionDuty(person: Pick<OwnPerson, 'route' | 'outcome'>): string | null {
  const route = person.route ? ROUTES[person.route as RouteCode] : undefined;
  // Data in a criminal track falls under the Wpg and its own retention; art. 17(3)(b) and art. 23 AVG.
  if (route?.track === 'criminal' || person.outcome === 'investigation_started') {
    return 'avg_23_criminal_investigation';
  }
  return null;
}

/**
 * Art. 17: erases the persons' data (the row stays as an empty placeholder so positions and counts hold),
 * their identifiers, and their names, numbers and addresses in the signal's free text. Persons under a
 * retention duty are kept and reported as refused, with the ground. The audit records ids, never content.
 */
export async function erasePersons(
  tx: AccessTx,
  { decision, requestId }: SubjectRightsContext,
  ids: readonly string[],
): Promise<{ done: string[]; refused: Refusal[] }> {
  const persons = await loadOwnPersons(tx, ids);
  const erased: string[] = [];
  const refused: { personId: string; signalId: string; legalGround: string }[] = [];
  for (const person of persons) {
    if (person.erased_at !== null) continue;
    const duty = retentionDuty(person);
    if (duty) {
      refused.push({ personId: person.id, signalId: person.signal_id, legalGround: duty });
      continue;
    }
    await dropIdentifiers(tx, person);
    const traces = traceValues(person);
    const signal = await tx.db
      .selectFrom('signals')
      .select(['narrative', 'indicators'])
      .where('id', '=', person.signal_id)
      .executeTakeFirstOrThrow();
    await tx.db
      .updateTable('signals')
      .set({
        narrative: scrubText(signal.narrative, traces),
        indicators: JSON.stringify(scrubIndicatorRemarks(signal.indicators, traces)),
      })
      .where('id', '=', person.signal_id)
      .execute();
    const notes = await tx.db
      .selectFrom('signal_transitions')
      .select(['id', 'note'])
      .where('signal_id', '=', person.signal_id)
      .where('note', 'is not', null)
      .execute();
    for (const note of notes) {
      const scrubbed = scrubText(note.note ?? '', traces);
      if (scrubbed !== note.note) {
        await tx.db
          .updateTable('signal_transitions')
          .set({ note: scrubbed })
          .where('id', '=', note.id)
          .execute();
      }
    }
    await tx.db
      .updateTable('signal_persons')
      // Erased data has nothing left to restrict.
      .set({ ...erasedPersonFields(), restricted_at: null })
      .where('id', '=', person.id)
      .execute();
    tx.record(
      decision,
      [requestId, person.id, person.signal_id],
      ['person', 'identifiers', 'narrative', 'notes'],
      'art_17',
    );
    erased.push(person.id);
  }
  for (const refusal of refused) {
    tx.record(decision, [requestId, refusal.personId], [], `kept: ${refusal.legalGround}`);
  }
  return { done: erased, refused };
}
