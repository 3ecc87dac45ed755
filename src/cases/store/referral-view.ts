import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import './tables.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A pending referral unanswered this many days is overdue; an accepted one ending within LAPSING_DAYS is lapsing. */
export const OVERDUE_DAYS = 5;
export const LAPSING_DAYS = 14;

/** Referrals with the organisations' names and the overview flags, under the alias `r`. */
export function referralView(tx: AccessTx) {
  return tx.db
    .selectFrom('case_referrals as r')
    .innerJoin('organisations as from_org', 'from_org.id', 'r.from_org_id')
    .innerJoin('organisations as to_org', 'to_org.id', 'r.to_org_id')
    .selectAll('r')
    .select([
      'from_org.name as from_org_name',
      'to_org.name as to_org_name',
      sql<boolean>`r.state = 'accepted' AND r.ends_on < current_date`.as('lapsed'),
      sql<boolean>`r.state = 'pending' AND r.created_at < now() - make_interval(days => ${OVERDUE_DAYS}::int)`.as(
        'overdue',
      ),
      sql<boolean>`r.state = 'accepted' AND r.ends_on >= current_date AND r.ends_on <= current_date + ${LAPSING_DAYS}::int`.as(
        'lapsing',
      ),
    ])
    .orderBy('r.created_at', 'desc');
}

export function referralRow<T extends Record<string, unknown>>(row: T) {
  return {
    ...row,
    created_at: iso(row.created_at as Date | null),
    decided_at: iso(row.decided_at as Date | null),
    revoked_at: iso(row.revoked_at as Date | null),
    completed_at: iso(row.completed_at as Date | null),
  };
}
