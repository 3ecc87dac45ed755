import { type Kysely, sql } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { DEFAULT_SLA, type SlaConfig, slaClock } from '../sla.ts';
import './tables.ts';

/**
 * Counts of signals per month of receipt (Dutch time), channel, first form of exploitation, municipality
 * and minor: the facts the programme monitor keeps (issue 17, item 2). No person, no signal id leaves this
 * function. Run by the monitor's daily job as the system (one pass a day, not one per page view).
 */
export interface SignalFact {
  month: string;
  channel: string;
  form: string;
  municipality: string;
  minor: boolean;
  signals: number;
  routed: number;
  accepted: number;
  /** Routed within the SLA deadline (working days, src/signals/sla.ts). */
  routedWithinSla: number;
  /** Sums of hours from receipt to the first routing / to acceptance, over the routed / accepted ones. */
  routingHours: number;
  acceptanceHours: number;
}

export async function signalFacts(db: Kysely<Database>, sla: SlaConfig = DEFAULT_SLA): Promise<SignalFact[]> {
  const rows = await sql<{
    month: string;
    channel: string;
    form: string | null;
    municipality: string | null;
    minor: boolean;
    received_day: string;
    routed_day: string | null;
    signals: string | number;
    routed: string | number;
    accepted: string | number;
    routing_hours: string | number | null;
    acceptance_hours: string | number | null;
  }>`
    WITH s AS (
      SELECT s.channel, s.forms[1] AS form, s.municipality, s.involves_minor AS minor, s.received_at,
        (SELECT min(t.at) FROM signal_transitions t WHERE t.signal_id = s.id AND t.action = 'route') AS routed_at,
        (SELECT min(t.at) FROM signal_transitions t WHERE t.signal_id = s.id AND t.action = 'accept') AS accepted_at
      FROM signals s
    )
    SELECT to_char(received_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month, channel, form, municipality, minor,
      to_char(received_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS received_day,
      to_char(routed_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS routed_day,
      count(*) AS signals, count(routed_at) AS routed, count(accepted_at) AS accepted,
      sum(extract(epoch FROM routed_at - received_at) / 3600) AS routing_hours,
      sum(extract(epoch FROM accepted_at - received_at) / 3600) AS acceptance_hours
    FROM s
    GROUP BY 1, 2, 3, 4, 5, 6, 7
  `.execute(db);
  const facts = new Map<string, SignalFact>();
  const within = new Map<string, boolean>();
  for (const row of rows.rows) {
    const fact: SignalFact = {
      month: row.month,
      channel: row.channel,
      form: row.form ?? 'unknown',
      municipality: row.municipality ?? '',
      minor: row.minor,
      signals: 0,
      routed: 0,
      accepted: 0,
      routedWithinSla: 0,
      routingHours: 0,
      acceptanceHours: 0,
    };
    const key = JSON.stringify([fact.month, fact.channel, fact.form, fact.municipality, fact.minor]);
    const into = facts.get(key) ?? fact;
    facts.set(key, into);
    into.signals += Number(row.signals);
    into.routed += Number(row.routed);
    into.accepted += Number(row.accepted);
    into.routingHours += Number(row.routing_hours ?? 0);
    into.acceptanceHours += Number(row.acceptance_hours ?? 0);
    if (row.routed_day) {
      const pair = `${row.received_day}|${row.routed_day}`;
      let ok = within.get(pair);
      if (ok === undefined) {
        // Noon avoids any day shift: the clock counts Dutch calendar days.
        const clock = slaClock(
          new Date(`${row.received_day}T12:00:00Z`),
          new Date(`${row.routed_day}T12:00:00Z`),
          sla,
        );
        ok = clock.elapsedWorkingDays <= sla.deadlineWorkingDays;
        within.set(pair, ok);
      }
      if (ok) into.routedWithinSla += Number(row.routed);
    }
  }
  return [...facts.values()];
}
