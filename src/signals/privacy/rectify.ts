import type { AccessTx } from '../../access/context.ts';
import { Conflict, InvalidInput } from '../../access/users.ts';
import type { Rectification, SubjectRightsContext } from '../../capability.ts';
import { validateEmail, validatePhone } from '../../domain/validate/contact.ts';
import { dutchDate, validatePastDate } from '../../domain/validate/date.ts';
import { validateCountry } from '../../domain/validate/place.ts';
import type { Validated } from '../../domain/validate/result.ts';
import { minorStatus } from '../schema.ts';
import { dropIdentifiers, identifiersOfPerson, retentionDuty } from './erase.ts';
import { loadOwnPersons } from './persons.ts';

function checked<T>(result: Validated<T>): T {
  if (!result.ok) {
    throw new InvalidInput(
      `${result.error.field}: ${result.error.message.nl} / ${result.error.message.en}`,
      result.error.field,
    );
  }
  return result.value;
}

/**
 * Corrects a person of the request (one's own organisation only) with the same normalisation as intake
 * (E.164 phones, lower-case e-mail, a date of birth not in the future), re-derives the minor flag and the
 * lookup identifiers, and records which fields changed (never the values).
 */
export async function rectifyPerson(
  tx: AccessTx,
  { decision, requestId }: SubjectRightsContext,
  personId: string,
  changes: Rectification,
): Promise<{ fields: string[] }> {
  const [person] = await loadOwnPersons(tx, [personId]);
  if (person.erased_at !== null) {
    throw new Conflict(
      'De gegevens van deze persoon zijn verwijderd / This person’s data was erased',
      'personId',
    );
  }
  const duty = retentionDuty(person);
  if (duty) {
    // As for erasure: data on a criminal track is corrected by the holder of that track, not from here.
    throw new Conflict(
      `Deze persoon staat in een strafrechtelijk spoor (${duty}); de rectificatie gaat via de organisatie die dat spoor houdt / ` +
        `This person is on a criminal track (${duty}); rectification goes through the organisation holding that track`,
      'personId',
    );
  }
  const now = new Date();
  const update: Record<string, unknown> = {};
  if (changes.nationality)
    changes = { ...changes, nationality: checked(validateCountry(changes.nationality, 'nationality')) };
  for (const field of ['givenNames', 'prefix', 'surname', 'alias', 'gender', 'nationality'] as const) {
    if (changes[field] !== undefined) update[COLUMN[field]] = changes[field]?.trim() || null;
  }
  if (changes.dateOfBirth !== undefined) {
    const dateOfBirth =
      changes.dateOfBirth === null
        ? null
        : checked(validatePastDate(changes.dateOfBirth, 'dateOfBirth', now));
    update.date_of_birth = dateOfBirth;
    update.birth_year = dateOfBirth ? Number(dateOfBirth.slice(0, 4)) : person.birth_year;
    const on = dutchDate(new Date(person.received_at));
    update.minor = minorStatus(
      { dateOfBirth: dateOfBirth ?? undefined, birthYear: (update.birth_year as number | null) ?? undefined },
      on,
    );
  }
  if (changes.phones)
    update.phones = changes.phones.map((phone, i) => checked(validatePhone(phone, `phones.${i}`)));
  if (changes.emails)
    update.emails = changes.emails.map((email, i) => checked(validateEmail(email, `emails.${i}`)));
  const fields = Object.keys(update);
  if (fields.length === 0)
    throw new InvalidInput('changes: niets te wijzigen / nothing to change', 'changes');

  await dropIdentifiers(tx, person);
  await tx.db.updateTable('signal_persons').set(update).where('id', '=', personId).execute();
  const [updated] = await loadOwnPersons(tx, [personId]);
  // A restricted person stays out of the lookup index until the restriction is lifted.
  const identifiers = updated.restricted_at === null ? identifiersOfPerson(updated) : [];
  if (identifiers.length > 0) {
    await tx.db
      .insertInto('signal_identifiers')
      .values(identifiers.map((i) => ({ signal_id: updated.signal_id, ...i })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  tx.record(decision, [requestId, personId, person.signal_id], fields, 'art_16');
  return { fields };
}

const COLUMN = {
  givenNames: 'given_names',
  prefix: 'prefix',
  surname: 'surname',
  alias: 'alias',
  gender: 'gender',
  nationality: 'nationality',
} as const;
