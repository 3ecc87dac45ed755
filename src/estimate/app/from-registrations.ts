import type { AccessTx } from '../../access/context.ts';
import { InvalidInput } from '../../access/users.ts';
import { registeredVictims } from '../../signals/index.ts';
import { linkRegistrationsOffThread } from './link-thread.ts';
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
  const victims = await registeredVictims(tx, { years: request.years });
  const records: RegistrationRecord[] = victims.map(({ signalId: _signal, ...record }) => record);
  let table: RegistrationTable;
  try {
    table = registrationTable(records, request, await linkRegistrationsOffThread(records));
  } catch (error) {
    if (error instanceof RegistrationError) throw new InvalidInput(error.message, error.field);
    throw error;
  }
  tx.record(
    decision,
    [...new Set(victims.map((victim) => victim.signalId))],
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
