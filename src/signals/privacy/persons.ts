import type { AccessTx } from '../../access/context.ts';
import '../store/tables.ts';

/**
 * The persons one's own organisation holds: in signals it reported or that were routed to it. Every query of
 * signals' data-subject rights starts here, so another organisation's signal is never in reach (RLS enforces the same).
 */
export function ownPersons(tx: AccessTx) {
  const org = tx.actor.orgId;
  return tx.db
    .selectFrom('signal_persons as p')
    .innerJoin('signals as s', 's.id', 'p.signal_id')
    .where((eb) => eb.or([eb('s.reporter_org_id', '=', org), eb('s.routed_org_id', '=', org)]));
}

export const PERSON_DATA_COLUMNS = [
  'given_names',
  'prefix',
  'surname',
  'alias',
  'date_of_birth',
  'birth_year',
  'gender',
  'nationality',
  'phones',
  'emails',
  'bsn_encrypted',
  'remark',
] as const;

export function loadOwnPersons(tx: AccessTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return ownPersons(tx)
    .select([
      'p.id',
      'p.signal_id',
      'p.role',
      ...PERSON_DATA_COLUMNS.map((column) => `p.${column}` as const),
      'p.bsn_fingerprint',
      'p.minor',
      'p.restricted_at',
      'p.erased_at',
      's.reporter_org_id',
      's.routed_org_id',
      's.route',
      's.state',
      's.outcome',
      's.channel',
      's.forms',
      's.received_at',
      's.state_changed_at',
      's.narrative',
      's.personal_data_removed_at',
    ])
    .where('p.id', 'in', [...ids])
    .orderBy('s.received_at')
    .execute();
}

export type OwnPerson = Awaited<ReturnType<typeof loadOwnPersons>>[number];

/** Which personal data fields a person record holds, by column name (the inzage answer lists them). */
export function heldFields(person: Pick<OwnPerson, (typeof PERSON_DATA_COLUMNS)[number]>): string[] {
  return PERSON_DATA_COLUMNS.filter((column) => {
    const value = person[column];
    return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
  }).map((column) => (column === 'bsn_encrypted' ? 'bsn' : column));
}
