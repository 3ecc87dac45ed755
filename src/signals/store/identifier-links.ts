import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';

/** Most identifier links read for one signal: a number shared by thousands of signals is one fact, not a list. */
export const MAX_IDENTIFIER_LINKS = 1000;

export interface DerivedLink {
  id: string;
  other_signal_id: string;
  kind: string;
}

/**
 * The signals that share an identifier with this one, derived by a join on `signal_identifiers`
 * (migration 0102): nothing is stored per pair, so an import whose rows share a number writes one
 * identifier row per signal instead of one link per pair. The id is the same from either side
 * (`signal_identifier_link_id`), so a decision on it can be stored in `signal_links` under that id.
 * Reads under the caller's row-level security: only chain-wide triage sees other organisations' rows.
 */
export async function derivedIdentifierLinks(tx: AccessTx, signalId: string): Promise<DerivedLink[]> {
  const result = await sql<DerivedLink>`
    SELECT DISTINCT signal_identifier_link_id(i.signal_id, o.signal_id, i.kind) AS id,
      o.signal_id AS other_signal_id, i.kind
    FROM signal_identifiers i
    JOIN signal_identifiers o ON o.kind = i.kind AND o.value = i.value AND o.signal_id <> i.signal_id
    WHERE i.signal_id = ${signalId}::uuid AND i.kind <> 'person_key'
    LIMIT ${MAX_IDENTIFIER_LINKS}`.execute(tx.db);
  return result.rows;
}

/** The key of a link between this signal and another, whichever side stored it. */
export function pairKey(signalId: string, row: { signal_id: string; other_signal_id: string; kind: string }) {
  const other = row.signal_id === signalId ? row.other_signal_id : row.signal_id;
  return `${other}:${row.kind}`;
}
