import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import { scoped } from './read.ts';
import './tables.ts';

/** What a case takes over from an accepted signal: its forms, persons (never the BSN), companies, identifiers. */
export interface SignalParties {
  id: string;
  forms: string[];
  persons: {
    role: string;
    givenNames: string | null;
    prefix: string | null;
    surname: string | null;
    alias: string | null;
    dateOfBirth: string | null;
    gender: string | null;
    nationality: string | null;
    phones: string[];
    emails: string[];
    minor: boolean;
  }[];
  companies: {
    name: string;
    kvk: string | null;
    address: { street?: string; houseNumber?: string; postcode?: string; city?: string } | null;
  }[];
  urls: string[];
  handles: string[];
  plates: string[];
}

/**
 * The parties of signals ACCEPTED by one's own organisation (routed to it), read under the caller's access
 * context: the signal and signal_person grants decide, the reads are audited, restricted persons stay out.
 * Refuses (404) a signal that is not visible, not routed to one's own organisation or not accepted.
 */
export async function acceptedSignalParties(tx: AccessTx, ids: readonly string[]): Promise<SignalParties[]> {
  if (ids.length === 0) return [];
  const decision = await tx.authorize('read', 'signal');
  const rows = await scoped(decision, tx.db.selectFrom('signals'))
    .select(['signals.id', 'forms', 'urls', 'handles', 'vehicles', 'state', 'routed_org_id'])
    .where('signals.id', 'in', [...ids])
    .where('state', '=', 'accepted')
    .where('routed_org_id', '=', tx.actor.orgId)
    .execute();
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) {
    throw new NotFound(
      `Geen door uw organisatie geaccepteerde melding ${missing} / No signal ${missing} accepted by your organisation`,
    );
  }
  tx.disclose(decision, rows);
  const people = await tx.authorize('read', 'signal_person');
  const persons = await tx.db
    .selectFrom('signal_persons')
    .selectAll()
    .where('signal_id', 'in', [...ids])
    .where((eb) => people.where(eb, 'signal_persons'))
    .where('erased_at', 'is', null)
    .orderBy('position')
    .execute();
  tx.disclose(
    people,
    persons.map(({ bsn_encrypted: _b, bsn_fingerprint: _f, ...person }) => person),
  );
  const companies = await tx.db
    .selectFrom('signal_companies')
    .selectAll()
    .where('signal_id', 'in', [...ids])
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    forms: row.forms,
    persons: persons
      .filter((p) => p.signal_id === row.id)
      .map((p) => ({
        role: p.role,
        givenNames: p.given_names,
        prefix: p.prefix,
        surname: p.surname,
        alias: p.alias,
        dateOfBirth: p.date_of_birth,
        gender: p.gender,
        nationality: p.nationality,
        phones: p.phones,
        emails: p.emails,
        minor: p.minor === 'minor',
      })),
    companies: companies
      .filter((c) => c.signal_id === row.id)
      .map((c) => ({
        name: c.name,
        kvk: c.kvk,
        address: (c.address as SignalParties['companies'][0]['address']) ?? null,
      })),
    urls: ((row.urls as unknown[]) ?? []).map((u) =>
      typeof u === 'string' ? u : String((u as { url?: string }).url ?? ''),
    ),
    handles: ((row.handles as { platform: string; handle: string }[]) ?? []).map(
      (h) => `${h.platform}:${h.handle}`,
    ),
    plates: ((row.vehicles as { plate?: string }[]) ?? []).flatMap((v) => (v.plate ? [v.plate] : [])),
  }));
}
