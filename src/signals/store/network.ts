import type { AccessTx } from '../../access/context.ts';
import type { FieldCipher } from '../../access/secrets.ts';
import { getSignal } from './read.ts';

/** Most signals in one network view: beyond that a drawing stops being readable. */
export const MAX_NETWORK_SIGNALS = 25;

/**
 * The network of confirmed links around one signal, breadth first, up to `max` signals, in one
 * request: every signal through getSignal (the caller's field projection, each read audited) and
 * the confirmed links between them, one query per ring. Only chain-wide triage may ask: the
 * network shows what other partners know. Links to signals beyond the limit are left out and
 * `truncated` says so.
 */
export async function getNetwork(
  tx: AccessTx,
  cipher: FieldCipher,
  rootId: string,
  max = MAX_NETWORK_SIGNALS,
) {
  const decision = await tx.authorize('link', 'signal');
  const signals = new Map<string, Awaited<ReturnType<typeof getSignal>>>();
  const links = new Map<
    string,
    { from: string; to: string; link: { id: string; kind: string; score: number; reasons: unknown } }
  >();
  let ring = [rootId];
  let truncated = false;
  while (ring.length > 0) {
    const loaded: string[] = [];
    for (const id of ring) {
      if (signals.has(id)) continue;
      if (signals.size >= max) {
        truncated = true;
        break;
      }
      signals.set(id, await getSignal(tx, cipher, id));
      loaded.push(id);
    }
    if (loaded.length === 0) break;
    const rows = await tx.db
      .selectFrom('signal_links')
      .select(['id', 'kind', 'score', 'reasons', 'signal_id', 'other_signal_id'])
      .where('status', '=', 'confirmed')
      .where((eb) => eb.or([eb('signal_id', 'in', loaded), eb('other_signal_id', 'in', loaded)]))
      .orderBy('created_at')
      .execute();
    const next = new Set<string>();
    for (const row of rows) {
      const inRing = loaded.includes(row.signal_id);
      const [from, to] = inRing ? [row.signal_id, row.other_signal_id] : [row.other_signal_id, row.signal_id];
      if (!links.has(row.id)) {
        links.set(row.id, {
          from,
          to,
          link: { id: row.id, kind: row.kind, score: row.score, reasons: row.reasons },
        });
      }
      if (!signals.has(to)) next.add(to);
    }
    ring = [...next];
  }
  const kept = [...links.values()].filter((l) => signals.has(l.from) && signals.has(l.to));
  tx.record(decision, [...signals.keys()], ['links']);
  return { signals: [...signals.values()], links: kept, truncated };
}
