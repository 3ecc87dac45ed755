import type { AccessTx } from '../access/context.ts';
import { NotFound } from '../access/context.ts';
import { InvalidInput } from '../access/users.ts';
import './tables.ts';

/**
 * The persons one's own organisation holds: in signals it reported or that were routed to it. Every query of
 * src/privacy starts here, so another organisation's signal is never in reach (RLS enforces the same).
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id must be a person of one's own organisation; one that is not is named, as if it did not exist. */
export async function requireOwnPersons(tx: AccessTx, ids: readonly string[]): Promise<OwnPerson[]> {
  ids.forEach((id, index) => {
    if (!UUID.test(id))
      throw new InvalidInput(`personIds.${index}: geen geldige id / not a valid id`, `personIds.${index}`);
  });
  const rows = await loadOwnPersons(tx, ids);
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    const error = new NotFound(`Persoon niet gevonden / Person not found (personIds.${missing})`);
    Object.assign(error, { field: `personIds.${missing}` });
    throw error;
  }
  return rows;
}

/** Which personal data fields a person record holds, by column name (the inzage answer lists them). */
export function heldFields(person: Pick<OwnPerson, (typeof PERSON_DATA_COLUMNS)[number]>): string[] {
  return PERSON_DATA_COLUMNS.filter((column) => {
    const value = person[column];
    return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
  }).map((column) => (column === 'bsn_encrypted' ? 'bsn' : column));
}
