import type { AccessTx } from '../access/context.ts';
import { invalidInput, label } from '../domain/problem.ts';
import { validateBsn } from '../domain/validate/identifiers.ts';
import { requireOwnPersons } from './persons.ts';
import { addPersons, getRequest } from './register.ts';
import type { SubjectQuery } from './search.ts';

/** What the API's handlers ask of the register beyond one call: the checks and steps that belong together. */

export interface SubjectSearch {
  bsn?: string;
  givenNames?: string;
  prefix?: string;
  surname?: string;
  dateOfBirth?: string;
}

/** A search by BSN, or by surname and date of birth; anything else is refused naming the field. */
export function subjectQuery(body: SubjectSearch): SubjectQuery {
  if (body.bsn !== undefined) {
    const bsn = validateBsn(body.bsn);
    if (!bsn.ok)
      throw invalidInput('bsn', label(`bsn: ${bsn.error.message.nl}`, `bsn: ${bsn.error.message.en}`));
    return { bsn: bsn.value };
  }
  if (!body.surname) {
    throw invalidInput(
      'surname',
      label(
        'surname: zoek op BSN of op achternaam en geboortedatum',
        'surname: search by BSN or by surname and date of birth',
      ),
    );
  }
  if (!body.dateOfBirth) {
    throw invalidInput(
      'dateOfBirth',
      label('dateOfBirth: geboortedatum ontbreekt', 'dateOfBirth: date of birth is missing'),
    );
  }
  return {
    givenNames: body.givenNames,
    prefix: body.prefix,
    surname: body.surname,
    dateOfBirth: body.dateOfBirth,
  };
}

/** Records which of one's own organisation's persons the request is about; the request as it is now. */
export async function attachPersons(tx: AccessTx, requestId: string, personIds: readonly string[]) {
  await tx.authorize('update', 'data_subject_request');
  await requireOwnPersons(tx, personIds);
  await addPersons(tx, requestId, personIds);
  return getRequest(tx, requestId);
}
