import type { AccessTx } from '../../access/context.ts';
import './tables.ts';

/** A possible victim as registered in a signal, with the reporting organisation: input for estimation. */
export interface RegisteredVictim {
  signalId: string;
  orgId: string;
  orgName: string;
  orgType: string;
  receivedAt: string;
  forms: string[];
  givenNames: string | null;
  prefix: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  birthYear: number | null;
  gender: string | null;
  bsnFingerprint: string | null;
}

/**
 * The possible victims of the signals the transaction may read (received in the given years, inclusive),
 * for the caller's aggregate. The caller authorises and audits the read; restricted persons stay out
 * through row-level security.
 */
export async function registeredVictims(
  tx: AccessTx,
  options: { years?: { from: number; to: number } } = {},
): Promise<RegisteredVictim[]> {
  let query = tx.db
    .selectFrom('signal_persons as p')
    .innerJoin('signals as s', 's.id', 'p.signal_id')
    .innerJoin('organisations as o', 'o.id', 's.reporter_org_id')
    .select([
      's.id as signal_id',
      's.reporter_org_id',
      'o.name as org_name',
      'o.type as org_type',
      's.received_at',
      's.forms',
      'p.given_names',
      'p.prefix',
      'p.surname',
      'p.date_of_birth',
      'p.birth_year',
      'p.gender',
      'p.bsn_fingerprint',
    ])
    .where('p.role', '=', 'possible_victim');
  if (options.years) {
    query = query
      .where('s.received_at', '>=', new Date(Date.UTC(options.years.from, 0, 1)))
      .where('s.received_at', '<', new Date(Date.UTC(options.years.to + 1, 0, 1)));
  }
  return (await query.execute()).map((row) => ({
    signalId: row.signal_id,
    orgId: row.reporter_org_id,
    orgName: row.org_name,
    orgType: row.org_type,
    receivedAt: new Date(row.received_at).toISOString(),
    forms: row.forms,
    givenNames: row.given_names,
    prefix: row.prefix,
    surname: row.surname,
    dateOfBirth: row.date_of_birth,
    birthYear: row.birth_year,
    gender: row.gender,
    bsnFingerprint: row.bsn_fingerprint,
  }));
}
