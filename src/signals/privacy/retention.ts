import { withSystem } from '../../access/context.ts';
import { addMonths } from '../../domain/calendar.ts';
import { dutchDate } from '../../domain/validate/date.ts';
import type { Store } from '../../store/connect.ts';
import '../store/tables.ts';
import { erasedPersonFields, scrubIndicatorRemarks } from './scrub.ts';

/** Closed without follow-up: nobody acts on the signal any more, so its personal data has no purpose left. */
export const NO_FOLLOW_UP_OUTCOMES = [
  'no_indication',
  'duplicate',
  'insufficient_information',
  'referred_elsewhere',
  'other',
] as const;

export const DEFAULT_RETENTION_MONTHS = 60;

/** KETENPLEIN_SIGNAL_RETENTION_MONTHS, default 60; a bad value stops the job with a message naming it. */
export function retentionMonths(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KETENPLEIN_SIGNAL_RETENTION_MONTHS;
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_MONTHS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 600) {
    throw new Error(
      `KETENPLEIN_SIGNAL_RETENTION_MONTHS must be a whole number of months (1-600), got "${raw}"`,
    );
  }
  return value;
}

/** How long a signal's personal data is kept, for the inzage answer. */
export function retentionOf(
  signal: { state: string; outcome: string | null; state_changed_at: Date | string },
  months: number,
) {
  if (signal.state !== 'closed') {
    return {
      until: null,
      rule: `Bewaard zolang de melding in behandeling is; na afsluiten zonder vervolg nog ${months} maanden / kept while the signal is handled; ${months} months after closing without follow-up`,
    };
  }
  if ((NO_FOLLOW_UP_OUTCOMES as readonly string[]).includes(signal.outcome ?? '')) {
    return {
      until: addMonths(dutchDate(new Date(signal.state_changed_at)), months),
      rule: `${months} maanden na afsluiten zonder vervolg / ${months} months after closing without follow-up`,
    };
  }
  return {
    until: null,
    rule: 'Afgesloten met vervolg: de bewaartermijn van het vervolg geldt (Wpg, Archiefwet) / closed with follow-up: the follow-up’s retention applies',
  };
}

const BATCH = 500;

/**
 * Removes the personal data of signals closed without follow-up longer than the retention period ago: the
 * persons' data, identifiers, narrative, free-text remarks, address, vehicles, URLs, handles and notes. What
 * remains (forms, indicator codes, municipality, dates, outcome) serves statistics. Audited per batch, by id.
 */
export async function runSignalRetention(
  store: Store,
  options: { months: number; now?: Date },
): Promise<{ signals: string[] }> {
  const cutoff = new Date(`${addMonths(dutchDate(options.now ?? new Date()), -options.months)}T00:00:00Z`);
  const done: string[] = [];
  for (;;) {
    const batch = await withSystem(store, 'system:retention', async (db, audit) => {
      const due = await db
        .selectFrom('signals')
        .select(['id', 'reporter_org_id', 'indicators', 'location'])
        .where('state', '=', 'closed')
        .where('outcome', 'in', [...NO_FOLLOW_UP_OUTCOMES])
        .where('personal_data_removed_at', 'is', null)
        .where('state_changed_at', '<', cutoff)
        .orderBy('state_changed_at')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      const ids = due.map((row) => row.id);
      await db
        .updateTable('signal_persons')
        .set(erasedPersonFields())
        .where('signal_id', 'in', ids)
        .execute();
      await db
        .deleteFrom('signal_identifiers')
        .where('signal_id', 'in', ids)
        .where('kind', '<>', 'kvk')
        .execute();
      await db
        .updateTable('signal_companies')
        .set({ address: null, remark: null })
        .where('signal_id', 'in', ids)
        .execute();
      await db.updateTable('signal_transitions').set({ note: null }).where('signal_id', 'in', ids).execute();
      for (const row of due) {
        const location = row.location as { municipality?: string; country?: string } | null;
        await db
          .updateTable('signals')
          .set({
            narrative: '',
            external_reference: null,
            indicators: JSON.stringify(scrubIndicatorRemarks(row.indicators, null)),
            location: location
              ? JSON.stringify({ municipality: location.municipality, country: location.country })
              : null,
            vehicles: '[]',
            urls: '[]',
            handles: '[]',
            personal_data_removed_at: new Date(),
          })
          .where('id', '=', row.id)
          .execute();
      }
      const byOrg = new Map<string, string[]>();
      for (const row of due)
        byOrg.set(row.reporter_org_id, [...(byOrg.get(row.reporter_org_id) ?? []), row.id]);
      for (const [orgId, recordIds] of byOrg) {
        audit({
          userId: null,
          orgId,
          purpose: null,
          action: 'anonymise',
          resource: 'signal',
          recordIds,
          fields: ['persons', 'identifiers', 'narrative', 'location', 'vehicles', 'urls', 'handles', 'notes'],
          result: 'allowed',
          reason: `retention ${options.months} months`,
        });
      }
      return ids;
    });
    done.push(...batch);
    if (batch.length < BATCH) return { signals: done };
  }
}
