import type { AccessTx } from '../access/context.ts';
import type { FieldCipher } from '../access/secrets.ts';
import { personalDataHolders } from '../capabilities.ts';
import type { FoundPerson, OtherHolder, SubjectQuery } from '../capability.ts';
import { requireRequest } from './register.ts';

export type { SubjectQuery } from '../capability.ts';

/** Searches per officer per minute. */
export const SUBJECT_SEARCH_RATE_LIMIT = 30;

/**
 * Finds the persons one's own organisation holds, in every capability that holds persons (the registry's
 * `personalData.find`): by the keyed BSN fingerprint or by name and date of birth. Other organisations that
 * hold the same person are named as contact points only ("match, then talk").
 */
export async function searchSubject(
  tx: AccessTx,
  cipher: FieldCipher,
  requestId: string,
  query: SubjectQuery,
) {
  const decision = await tx.authorize('search', 'subject_record');
  await requireRequest(tx, requestId);
  const context = { decision, requestId, cipher, now: new Date() };
  const found: FoundPerson[] = [];
  const holders = new Map<string, OtherHolder>();
  for (const { personalData } of await personalDataHolders()) {
    const result = await personalData.find(tx, context, query);
    found.push(...result.persons);
    for (const holder of result.otherHolders) holders.set(`${holder.orgId} ${holder.matchedOn}`, holder);
  }
  const others = [...holders.values()].sort(
    (a, b) => a.orgName.localeCompare(b.orgName) || a.matchedOn.localeCompare(b.matchedOn),
  );
  // Every search is on record, with or without a result (what was searched for is not: it is personal data).
  tx.record(
    decision,
    [requestId, ...found.map((person) => person.personId)],
    [],
    `search by ${'bsn' in query ? 'bsn' : 'name'}: ${found.length} found, ${others.length} other holders`,
  );
  return {
    persons: tx.disclose(decision, found, 'personId'),
    otherOrganisations: others.map((holder) => ({
      organisationId: holder.orgId,
      organisation: holder.orgName,
      matchedOn: holder.matchedOn,
      contacts: holder.contacts,
      note: {
        nl: `${holder.orgName} kent mogelijk dezelfde persoon. Vraag daar zelf inzage in de gegevens; neem contact op met hun functionaris gegevensbescherming.`,
        en: `${holder.orgName} may hold the same person. It answers for its own data; contact its privacy officer.`,
      },
    })),
  };
}
