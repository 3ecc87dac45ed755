import type { AccessTx } from '../../access/context.ts';
import { InvalidInput } from '../../access/users.ts';
import '../../signals/store/tables.ts';
import {
  type ListsBy,
  RegistrationError,
  type RegistrationRecord,
  type RegistrationStratum,
  type RegistrationTable,
  registrationTable,
} from './registrations.ts';
import type { EstimateSettings } from './run.ts';
import { createEstimate, type EstimateContext } from './service.ts';

export interface RegistrationRequest {
  name?: string;
  listsBy: ListsBy;
  strata: RegistrationStratum[];
  /** Signals received in these years (inclusive); all years when absent. */
  years?: { from: number; to: number };
  minCell: number;
  settings: EstimateSettings;
}

/**
 * Reads the possible victims of every organisation's signals, chain-wide, under the statistics purpose,
 * links them and returns only the capture table. The persons never leave this function; the read is
 * audited with the signals it touched.
 */
export async function registrationCaptureTable(
  tx: AccessTx,
  request: Pick<RegistrationRequest, 'listsBy' | 'strata' | 'years' | 'minCell'>,
): Promise<RegistrationTable> {
  const decision = await tx.authorize('aggregate', 'signal_registrations');
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
  if (request.years) {
    query = query
      .where('s.received_at', '>=', new Date(Date.UTC(request.years.from, 0, 1)))
      .where('s.received_at', '<', new Date(Date.UTC(request.years.to + 1, 0, 1)));
  }
  const rows = await query.execute();
  const records: RegistrationRecord[] = rows.map((row) => ({
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
  let table: RegistrationTable;
  try {
    table = registrationTable(records, request);
  } catch (error) {
    if (error instanceof RegistrationError) throw new InvalidInput(error.message, error.field);
    throw error;
  }
  tx.record(
    decision,
    [...new Set(rows.map((row) => row.signal_id))],
    ['persons (aggregated)'],
    `capture table: ${table.persons} persons on ${table.lists.length} lists`,
  );
  return table;
}

/** Builds the table from the registrations and stores and runs the estimate like an uploaded table. */
export async function estimateFromRegistrations(ctx: EstimateContext, request: RegistrationRequest) {
  const table = await ctx.access((tx) => registrationCaptureTable(tx, request));
  const estimate = await createEstimate(ctx, {
    name: request.name,
    source: {
      kind: 'upload',
      input: {
        format: 'table-json',
        lists: table.lists.map((list) => list.name),
        rows: table.rows,
        strata: table.strata,
      },
    },
    settings: request.settings,
  });
  return { estimate, table };
}
