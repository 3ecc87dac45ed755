import type { AccessTx } from '../access/context.ts';
import type { FieldCipher } from '../access/secrets.ts';
import { holdingsOf } from './persons.ts';
import { requireRequest } from './register.ts';

/**
 * The inzage answer (art. 15): per person record of the request, from the capability that holds it
 * (`personalData.report`): the fields held and their content (BSN masked), the legal basis, how long it is
 * kept, and who accessed it. `retentionMonths` overrides the capabilities' own periods (tests).
 */
export async function accessReport(
  tx: AccessTx,
  cipher: FieldCipher,
  requestId: string,
  options: { retentionMonths?: number; now?: Date } = {},
) {
  const decision = await tx.authorize('export', 'subject_record');
  const request = await requireRequest(tx, requestId);
  const now = options.now ?? new Date();
  const context = { decision, requestId, cipher, now, retentionMonths: options.retentionMonths };
  const records = [];
  for (const { personalData, ids } of await holdingsOf(tx, request.person_ids)) {
    records.push(...(await personalData.report(tx, context, ids)));
  }
  return {
    request: {
      id: request.id,
      kind: request.kind,
      reference: request.reference,
      receivedOn: request.received_on,
    },
    generatedAt: now.toISOString(),
    controller: tx.actor.orgId,
    records: tx.disclose(decision, records, 'personId'),
  };
}
