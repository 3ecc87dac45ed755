import { sql } from 'kysely';
import type { AccessTx } from '../access/context.ts';
import type { FieldCipher } from '../access/secrets.ts';
import { maskBsn } from '../domain/validate/identifiers.ts';
import { comparePersons, preparePerson } from '../linkage/index.ts';
import { personKeys } from '../signals/store/person-links.ts';
import { isoDate } from './dates.ts';
import { ownPersons } from './persons.ts';
import { requireRequest } from './register.ts';

export type SubjectQuery =
  | { bsn: string }
  | { givenNames?: string; prefix?: string; surname: string; dateOfBirth: string };

/** Blocking keys that carry the date of birth, and those that carry names (see src/linkage/blocking.ts). */
const DATE_KEY = /^(d|fm):/;

/**
 * Finds the persons one's own organisation holds that match the subject: by the keyed BSN fingerprint (no
 * BSN is decrypted to search), or by name and date of birth with linkage's tolerant comparison. Other
 * organisations that hold the same person are named as contact points only ("match, then talk").
 */
/** Searches per officer per minute. */
export const SUBJECT_SEARCH_RATE_LIMIT = 30;

export async function searchSubject(
  tx: AccessTx,
  cipher: FieldCipher,
  requestId: string,
  query: SubjectQuery,
) {
  const decision = await tx.authorize('search', 'subject_record');
  await requireRequest(tx, requestId);
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
    matches = rows.map((row) => ({ row, match: { by: 'bsn' } }));
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
    const prepared = preparePerson(linkageInput(subject), true);
    matches = rows.flatMap((row) => {
      const result = comparePersons(
        prepared,
        preparePerson(
          linkageInput({
            givenNames: row.given_names,
            prefix: row.prefix,
            surname: row.surname,
            dateOfBirth: row.date_of_birth ? isoDate(row.date_of_birth) : null,
            birthYear: row.birth_year,
          }),
          true,
        ),
      );
      if (!result.matched) return [];
      const reasons = result.reasons
        .filter((reason) => reason.weight > 0)
        .map((reason) => ({ comparison: reason.comparison, level: reason.level }));
      return [
        {
          row,
          match: { by: 'name_and_date_of_birth', score: Math.round(result.score * 1000) / 1000, reasons },
        },
      ];
    });
    holders =
      matches.length > 0
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
      dateOfBirth: row.date_of_birth ? isoDate(row.date_of_birth) : null,
      bsn: row.bsn_encrypted ? maskBsn(cipher.decrypt(row.bsn_encrypted)) : null,
    },
    restricted: row.restricted_at !== null,
  }));
  // Every search is on record, with or without a result (what was searched for is not: it is personal data).
  tx.record(
    decision,
    [requestId, ...found.map((person) => person.personId)],
    [],
    `search by ${'bsn' in query ? 'bsn' : 'name'}: ${found.length} found, ${holders.length} other holders`,
  );
  return {
    persons: tx.disclose(decision, found, 'personId'),
    otherOrganisations: holders.map((holder) => ({
      organisationId: holder.org_id,
      organisation: holder.org_name,
      matchedOn: holder.kind,
      contacts: holder.contacts,
      note: {
        nl: `${holder.org_name} kent mogelijk dezelfde persoon. Vraag daar zelf inzage in de gegevens; neem contact op met hun functionaris gegevensbescherming.`,
        en: `${holder.org_name} may hold the same person. It answers for its own data; contact its privacy officer.`,
      },
    })),
  };
}

function linkageInput(person: {
  givenNames: string | null;
  prefix: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  birthYear?: number | null;
}) {
  return {
    givenName: person.givenNames ?? undefined,
    prefix: person.prefix ?? undefined,
    familyName: person.surname ?? undefined,
    dateOfBirth: person.dateOfBirth ?? undefined,
    yearOfBirth: person.birthYear ?? undefined,
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
