import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import { derivedIdentifierLinks, pairKey } from './identifier-links.ts';
import { suggestPersonLinks } from './person-links.ts';
import { NOT_FOUND_MESSAGE } from './read.ts';
import { rescoreSignal } from './rescore.ts';

/**
 * Link suggestions of a signal, in both directions, with the other signal's reporter and state: the
 * stored ones (person matches, decided links) and the identifier links derived from shared
 * identifiers that nobody decided yet. Only chain-wide triage sees them: they reveal what other
 * partners know.
 */
export async function listLinks(tx: AccessTx, id: string) {
  const decision = await tx.authorize('link', 'signal');
  const exists = await tx.db
    .selectFrom('signals')
    .select(['id', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!exists) throw new NotFound(NOT_FOUND_MESSAGE);
  await suggestPersonLinks(tx, id);
  const stored = await tx.db
    .selectFrom('signal_links as l')
    .select([
      'l.id',
      'l.kind',
      'l.score',
      'l.reasons',
      'l.status',
      'l.decided_at',
      'l.created_at',
      'l.signal_id',
      'l.other_signal_id',
    ])
    .where((eb) => eb.or([eb('l.signal_id', '=', id), eb('l.other_signal_id', '=', id)]))
    .execute();
  const known = new Set(stored.map((row) => pairKey(id, row)));
  const derived = (await derivedIdentifierLinks(tx, id)).filter(
    (row) => !known.has(pairKey(id, { ...row, signal_id: id })),
  );
  const links = [
    ...stored.map((row) => ({
      id: row.id,
      kind: row.kind,
      score: row.score,
      reasons: row.reasons,
      status: row.status,
      decided_at: row.decided_at,
      created_at: new Date(row.created_at),
      other: row.signal_id === id ? row.other_signal_id : row.signal_id,
    })),
    ...derived.map((row) => ({
      id: row.id,
      kind: row.kind,
      score: 1,
      reasons: [{ kind: row.kind, match: 'exact' }] as unknown,
      status: 'suggested' as const,
      decided_at: null,
      created_at: null as Date | null,
      other: row.other_signal_id,
    })),
  ];
  const others = links.length
    ? await tx.db
        .selectFrom('signals as s')
        .innerJoin('organisations as o', 'o.id', 's.reporter_org_id')
        .select(['s.id', 's.state', 's.received_at', 's.created_at', 'o.name'])
        .where(
          's.id',
          'in',
          links.map((link) => link.other),
        )
        .execute()
    : [];
  const byId = new Map(others.map((row) => [row.id, row]));
  const own = new Date(exists.created_at).getTime();
  const rows = links
    .filter((link) => byId.has(link.other))
    .map((link) => {
      const other = byId.get(link.other)!;
      // A derived link exists since the later of its two signals arrived.
      const created = link.created_at ?? new Date(Math.max(own, new Date(other.created_at).getTime()));
      return {
        id: link.id,
        kind: link.kind,
        score: link.score,
        reasons: link.reasons,
        status: link.status,
        decided_at: link.decided_at,
        created: created.getTime(),
        linked_signal_id: other.id,
        linked_state: other.state,
        linked_received_at: other.received_at,
        linked_reporter: other.name,
      };
    })
    .sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))
    .map(({ created: _created, ...row }) => row);
  tx.record(decision, [id, ...rows.map((row) => row.linked_signal_id)], ['links']);
  return rows;
}

/** Stores a decision on a derived identifier link under its derived id; undefined when no such link. */
async function decideDerived(tx: AccessTx, id: string, linkId: string, status: 'confirmed' | 'rejected') {
  const link = (await derivedIdentifierLinks(tx, id)).find((row) => row.id === linkId);
  if (!link) return undefined;
  return tx.db
    .insertInto('signal_links')
    .values({
      id: link.id,
      signal_id: id,
      other_signal_id: link.other_signal_id,
      kind: link.kind,
      score: 1,
      reasons: JSON.stringify([{ kind: link.kind, match: 'exact' }]),
      status,
      decided_by: tx.actor.userId,
      decided_at: new Date(),
    })
    .returning(['id', 'status', 'signal_id', 'other_signal_id'])
    .executeTakeFirst();
}

/** A triage analyst confirms or rejects a suggested link. */
export async function decideLink(tx: AccessTx, id: string, linkId: string, status: 'confirmed' | 'rejected') {
  const decision = await tx.authorize('link', 'signal');
  const updated = await tx.db
    .updateTable('signal_links')
    .set({ status, decided_by: tx.actor.userId, decided_at: new Date() })
    .where('id', '=', linkId)
    .where((eb) => eb.or([eb('signal_id', '=', id), eb('other_signal_id', '=', id)]))
    .returning(['id', 'status', 'signal_id', 'other_signal_id'])
    .executeTakeFirst()
    .then((row) => row ?? decideDerived(tx, id, linkId, status));
  if (!updated) throw new NotFound('Koppeling niet gevonden / Link not found');
  // A decided link changes what both signals are known to share: both are scored again, with the active rules.
  const cause =
    status === 'confirmed'
      ? { nl: 'koppeling met een andere melding bevestigd', en: 'link with another signal confirmed' }
      : { nl: 'koppeling met een andere melding afgewezen', en: 'link with another signal rejected' };
  const rescored = [];
  for (const signalId of [updated.signal_id, updated.other_signal_id]) {
    const result = await rescoreSignal(tx, signalId, cause);
    if (result) rescored.push(result);
  }
  tx.record(
    decision,
    [updated.signal_id, updated.other_signal_id],
    ['link_status', 'score', 'priority', 'ruleset_version'],
    status,
  );
  return { id: updated.id, status: updated.status, rescored };
}
