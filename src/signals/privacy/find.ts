import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import type { DisclosureContext, FoundPerson, OtherHolder, SubjectQuery } from '../../capability.ts';
import { maskBsn } from '../../domain/validate/identifiers.ts';
import { matchSubject } from '../../linkage/index.ts';
import { personKeys } from '../store/person-links.ts';
import { ownPersons } from './persons.ts';

/** Blocking keys that carry the date of birth, and those that carry names (see src/linkage/blocking.ts). */
const DATE_KEY = /^(d|fm):/;

/**
 * Finds the persons one's own organisation holds in signals that match the subject: by the keyed BSN
 * fingerprint (no BSN is decrypted to search), or by name and date of birth with linkage's tolerant
 * comparison, partial dates compared as partial; a pair that is likely but not certain comes back as
 * `certainty: 'possible'`. Other organisations that hold the same person are named as contact points only
 * ("match, then talk"). Privacy authorises, audits and discloses (src/privacy/search.ts).
 */
export async function findPersons(
  tx: AccessTx,
  { cipher }: DisclosureContext,
  query: SubjectQuery,
): Promise<{ persons: FoundPerson[]; otherHolders: OtherHolder[] }> {
  const base = ownPersons(tx)
    .select([
      'p.id',
      'p.signal_id',
      'p.role',
      'p.given_names',
      'p.prefix',
      'p.surname',
      'p.date_of_birth',
      'p.birth_year',
      'p.bsn_encrypted',
      'p.restricted_at',
      's.reporter_org_id',
      's.received_at',
    ])
    .where('p.erased_at', 'is', null);

  let matches: { row: Awaited<ReturnType<typeof base.execute>>[number]; match: unknown }[];
  let holders: { org_id: string; org_name: string; kind: string; contacts: string[] }[];
  if ('bsn' in query) {
    const fingerprint = cipher.fingerprint(query.bsn);
    const rows = await base.where('p.bsn_fingerprint', '=', fingerprint).execute();
    matches = rows.map((row) => ({ row, match: { by: 'bsn', certainty: 'match' } }));
    // Others are asked only about a person one's own organisation holds: no chain-wide "who knows this BSN?".
    holders = matches.length > 0 ? await otherHolders(tx, fingerprint, [], []) : [];
  } else {
    const subject = {
      givenNames: query.givenNames ?? null,
      prefix: query.prefix ?? null,
      surname: query.surname,
      dateOfBirth: query.dateOfBirth,
    };
    const keys = personKeys(subject);
    const year = Number(query.dateOfBirth.slice(0, 4));
    // Candidates share a blocking key or the year of birth; the comparison decides.
    const rows = await base
      .where((eb) =>
        eb.or([
          eb('p.birth_year', '=', year),
          eb(
            'p.signal_id',
            'in',
            eb
              .selectFrom('signal_identifiers')
              .select('signal_id')
              .where('kind', '=', 'person_key')
              .where('value', 'in', keys.length > 0 ? keys : ['-']),
          ),
        ]),
      )
      .limit(2000)
      .execute();
    matches = rows.flatMap((row) => {
      const result = matchSubject(subject, {
        givenNames: row.given_names,
        prefix: row.prefix,
        surname: row.surname,
        dateOfBirth: row.date_of_birth,
        birthYear: row.birth_year,
      });
      if (!result) return [];
      const { certainty, score, reasons } = result;
      return [{ row, match: { by: 'name_and_date_of_birth', certainty, score, reasons } }];
    });
    // Certain matches first, then the possible ones for the officer to judge.
    matches.sort((a, b) => (b.match as { score: number }).score - (a.match as { score: number }).score);
    // Others are asked only about a person one's own organisation certainly holds, never on a possible match.
    const holdsCertainly = matches.some((m) => (m.match as { certainty: string }).certainty === 'match');
    holders = holdsCertainly
      ? await otherHolders(
          tx,
          null,
          keys.filter((key) => DATE_KEY.test(key)),
          keys.filter((key) => !DATE_KEY.test(key)),
        )
      : [];
  }
  const found = matches.map(({ row, match }) => ({
    personId: row.id,
    signalId: row.signal_id,
    holding: row.reporter_org_id === tx.actor.orgId ? 'reported' : 'received',
    role: row.role,
    match,
    // Enough for the officer to judge the match; the BSN stays masked.
    data: {
      givenNames: row.given_names,
      prefix: row.prefix,
      surname: row.surname,
      dateOfBirth: row.date_of_birth,
      birthYear: row.birth_year,
      bsn: row.bsn_encrypted ? maskBsn(cipher.decrypt(row.bsn_encrypted)) : null,
    },
    restricted: row.restricted_at !== null,
  }));
  return {
    persons: found,
    otherHolders: holders.map((holder) => ({
      orgId: holder.org_id,
      orgName: holder.org_name,
      matchedOn: holder.kind,
      contacts: holder.contacts,
    })),
  };
}

async function otherHolders(
  tx: AccessTx,
  bsnFingerprint: string | null,
  dateKeys: string[],
  nameKeys: string[],
) {
  const result = await sql<{ org_id: string; org_name: string; kind: string; contacts: string[] }>`
    SELECT org_id, org_name, kind, contacts FROM privacy_other_holders(${bsnFingerprint}, ${dateKeys}::text[], ${nameKeys}::text[])
    ORDER BY org_name, kind`.execute(tx.db);
  return result.rows;
}
