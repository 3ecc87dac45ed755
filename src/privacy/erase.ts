import type { AccessTx } from '../access/context.ts';
import type { Refusal } from '../capability.ts';
import { requireOwnPersons } from './persons.ts';
import { requireRequest } from './register.ts';

/**
 * Art. 18: the request's persons are kept (storage) but hidden from every other purpose and from linking
 * until lifted, by each capability that holds them. Persons under a retention duty are refused with the ground.
 */
export async function restrictPersons(tx: AccessTx, requestId: string, lift = false) {
  const decision = await tx.authorize('restrict', 'subject_record');
  const request = await requireRequest(tx, requestId);
  const context = { decision, requestId, now: new Date() };
  const persons: string[] = [];
  const refused: Refusal[] = [];
  for (const { personalData, ids } of await requireOwnPersons(tx, request.person_ids)) {
    const result = await personalData.restrict(tx, context, ids, lift);
    persons.push(...result.done);
    refused.push(...result.refused);
  }
  return { requestId, persons, restricted: !lift, refused };
}

/**
 * Art. 17: erases the request's persons in every capability that holds them; persons under a retention duty
 * are kept and reported as refused, with the ground. The audit records ids, never content.
 */
export async function erasePersons(tx: AccessTx, requestId: string) {
  const decision = await tx.authorize('erase', 'subject_record');
  const request = await requireRequest(tx, requestId);
  const context = { decision, requestId, now: new Date() };
  const erased: string[] = [];
  const refused: Refusal[] = [];
  for (const { personalData, ids } of await requireOwnPersons(tx, request.person_ids)) {
    const result = await personalData.erase(tx, context, ids);
    erased.push(...result.done);
    refused.push(...result.refused);
  }
  return { requestId, erased, refused };
}
