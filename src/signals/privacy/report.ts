import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import { allGrants } from '../../access/policy.ts';
import type { DisclosureContext, FoundPerson } from '../../capability.ts';
import { maskBsn } from '../../domain/validate/identifiers.ts';
import { heldFields, loadOwnPersons, type OwnPerson } from './persons.ts';
import { retentionMonths, retentionOf } from './retention.ts';

/** The legal basis on which the organisation holds the signal: as its reporter, or as the team it was routed to. */
function legalBasis(person: OwnPerson, orgId: string, orgType: string): string {
  // The organisation's own grants on signals (not the chain-wide triage): the one whose row condition a
  // signal it reported, or one routed to it, meets.
  const grants = allGrants().filter(
    (grant) => grant.resource === 'signal' && grant.effect !== 'deny' && !grant.rows.chain,
  );
  const context = {
    actor: { userId: '', orgId, orgType, roles: [] },
    purpose: 'signal_intake',
    ref: String,
  } as const;
  const as = (column: string) => grants.filter((grant) => grant.rows.test({ [column]: orgId }, context));
  if (person.reporter_org_id === orgId) {
    return as('reporter_org_id')[0]?.legalBasis ?? '';
  }
  const received = as('routed_org_id');
  return (
    received.find((grant) => (grant.orgTypes as readonly string[] | undefined)?.includes(orgType))
      ?.legalBasis ??
    received.find((grant) => !grant.orgTypes)?.legalBasis ??
    ''
  );
}

/**
 * The inzage answer (art. 15) for signal persons: per record the signal, the role, the fields held and their
 * content (BSN masked), the legal basis, how long it is kept, and who accessed it (from the audit log).
 */
export async function reportPersons(
  tx: AccessTx,
  { cipher, retentionMonths: months = retentionMonths() }: DisclosureContext,
  ids: readonly string[],
): Promise<FoundPerson[]> {
  const persons = await loadOwnPersons(tx, ids);
  const signalIds = [...new Set(persons.map((person) => person.signal_id))];
  const accesses =
    signalIds.length === 0
      ? []
      : (
          await sql<{
            record_id: string;
            at: Date;
            org_id: string | null;
            org_name: string | null;
            user_id: string | null;
            user_name: string | null;
            role: string | null;
            purpose: string | null;
            action: string;
          }>`SELECT * FROM privacy_record_accesses(${signalIds}::text[])`.execute(tx.db)
        ).rows;
  const records = persons.map((person) => ({
    personId: person.id,
    signalId: person.signal_id,
    holding: person.reporter_org_id === tx.actor.orgId ? 'reported' : 'received',
    role: person.role,
    fields: heldFields(person),
    data: {
      givenNames: person.given_names,
      prefix: person.prefix,
      surname: person.surname,
      alias: person.alias,
      dateOfBirth: person.date_of_birth,
      birthYear: person.birth_year,
      gender: person.gender,
      nationality: person.nationality,
      phones: person.phones,
      emails: person.emails,
      bsn: person.bsn_encrypted ? maskBsn(cipher.decrypt(person.bsn_encrypted)) : null,
      remark: person.remark,
      signal: {
        receivedAt: new Date(person.received_at).toISOString(),
        channel: person.channel,
        forms: person.forms,
        state: person.state,
        // The narrative may describe others too: it is named, and released only after review.
        hasNarrative: person.narrative.length > 0,
      },
    },
    legalBasis: legalBasis(person, tx.actor.orgId, tx.actor.orgType),
    retention: retentionOf(person, months),
    restricted: person.restricted_at !== null,
    erased: person.erased_at !== null,
    accesses: accesses
      .filter((entry) => entry.record_id === person.signal_id)
      .map((entry) => ({
        at: new Date(entry.at).toISOString(),
        organisation: entry.org_name,
        user: entry.user_name,
        role: entry.role,
        purpose: entry.purpose,
        action: entry.action,
      })),
  }));
  return records;
}
