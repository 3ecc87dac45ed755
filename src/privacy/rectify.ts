import type { AccessTx } from '../access/context.ts';
import { InvalidInput } from '../access/users.ts';
import type { Rectification } from '../capability.ts';
import { requireOwnPersons } from './persons.ts';
import { requireRequest } from './register.ts';

export type { Rectification } from '../capability.ts';

/**
 * Art. 16: corrects a person of the request (one's own organisation only) in the capability that holds it,
 * which normalises as at its intake and records which fields changed (never the values).
 */
export async function rectifyPerson(
  tx: AccessTx,
  requestId: string,
  personId: string,
  changes: Rectification,
) {
  const decision = await tx.authorize('rectify', 'subject_record');
  const request = await requireRequest(tx, requestId);
  if (!request.person_ids.includes(personId)) {
    throw new InvalidInput(
      'personId: koppel de persoon eerst aan dit verzoek / attach the person to this request first',
      'personId',
    );
  }
  const [holding] = await requireOwnPersons(tx, [personId]);
  const context = { decision, requestId, now: new Date() };
  const { fields } = await holding.personalData.rectify(tx, context, personId, changes);
  return { requestId, personId, fields };
}
