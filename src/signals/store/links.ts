import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import { suggestPersonLinks } from './person-links.ts';
import { NOT_FOUND_MESSAGE } from './read.ts';
import { rescoreSignal } from './rescore.ts';

/**
 * Link suggestions of a signal, in both directions, with the other signal's reporter and state.
 * Only chain-wide triage sees them: they reveal what other partners know.
 */
export async function listLinks(tx: AccessTx, id: string) {
  const decision = await tx.authorize('link', 'signal');
  const exists = await tx.db.selectFrom('signals').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw new NotFound(NOT_FOUND_MESSAGE);
  await suggestPersonLinks(tx, id);
  const rows = await tx.db
    .selectFrom('signal_links as l')
    .innerJoin('signals as s', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('l.signal_id', '=', id), eb('s.id', '=', eb.ref('l.other_signal_id'))]),
          eb.and([eb('l.other_signal_id', '=', id), eb('s.id', '=', eb.ref('l.signal_id'))]),
        ]),
      ),
    )
    .innerJoin('organisations as o', 'o.id', 's.reporter_org_id')
    .select([
      'l.id',
      'l.kind',
      'l.score',
      'l.reasons',
      'l.status',
      'l.decided_at',
      's.id as linked_signal_id',
      's.state as linked_state',
      's.received_at as linked_received_at',
      'o.name as linked_reporter',
    ])
    .orderBy('l.created_at')
    .execute();
  tx.record(decision, [id, ...rows.map((row) => row.linked_signal_id)], ['links']);
  return rows;
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
    .executeTakeFirst();
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
