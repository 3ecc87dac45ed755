import type { AccessTx } from '../../access/context.ts';
import type { LinkKind } from '../ruleset.ts';
import { type RepeatLink, type TriageFacts, triage } from '../triage.ts';
import { derivedIdentifierLinks, pairKey } from './identifier-links.ts';
import { type IdentifierKind, LINK_KIND_OF } from './identifiers.ts';
import { activeRuleSet } from './rulesets.ts';

/** A stored link's kind as triage counts it: identifier kinds map as at intake; a person match is a person link. */
function linkKindOf(kind: string): LinkKind | undefined {
  if (kind === 'person') return 'person';
  return LINK_KIND_OF[kind as IdentifierKind];
}

/**
 * Scores a stored signal again with the active rule set, counting the links it has now (suggested or
 * confirmed, never rejected) with other signals, as intake does. Records the rule set version and what caused the
 * re-score, so the score stays explainable. Needs a chain-wide grant (triage): it reads the links.
 */
export async function rescoreSignal(tx: AccessTx, signalId: string, cause: { nl: string; en: string }) {
  const row = await tx.db
    .selectFrom('signals')
    .select([
      'forms',
      'indicators',
      'involves_minor',
      'location',
      'score',
      'priority',
      'recommended_route',
      'ruleset_version',
    ])
    .where('id', '=', signalId)
    .executeTakeFirst();
  if (!row) return undefined;
  const persons = await tx.db
    .selectFrom('signal_persons')
    .select(['role', 'minor'])
    .where('signal_id', '=', signalId)
    .execute();
  const stored = await tx.db
    .selectFrom('signal_links')
    .select(['signal_id', 'other_signal_id', 'kind', 'status'])
    .where((eb) => eb.or([eb('signal_id', '=', signalId), eb('other_signal_id', '=', signalId)]))
    .execute();
  // Identifier links are derived from shared identifiers; a stored decision (a rejection) overrides one.
  const decided = new Set(stored.map((row) => pairKey(signalId, row)));
  const links = [
    ...stored.filter((row) => row.status !== 'rejected'),
    ...(await derivedIdentifierLinks(tx, signalId))
      .map((row) => ({ ...row, signal_id: signalId }))
      .filter((row) => !decided.has(pairKey(signalId, row))),
  ];
  const perKind = new Map<LinkKind, Set<string>>();
  for (const link of links) {
    const kind = linkKindOf(link.kind);
    if (!kind) continue;
    const set = perKind.get(kind) ?? new Set<string>();
    set.add(link.signal_id === signalId ? link.other_signal_id : link.signal_id);
    perKind.set(kind, set);
  }
  const repeat: RepeatLink[] = [...perKind].map(([kind, others]) => ({ kind, earlierSignals: others.size }));
  const location = (row.location ?? undefined) as { country: string } | undefined;
  const result = triage(
    {
      forms: row.forms as TriageFacts['forms'],
      indicators: row.indicators as TriageFacts['indicators'],
      involvesMinor: row.involves_minor,
      persons: persons as TriageFacts['persons'],
      location,
    },
    await activeRuleSet(tx.db),
    repeat,
  );
  // What it was before, so the change is shown (old → new, why) and never a silent new route.
  const rescored = {
    at: new Date().toISOString(),
    by: tx.actor.userId,
    cause,
    previousScore: row.score,
    previousPriority: row.priority,
    previousRoute: row.recommended_route,
  };
  await tx.db
    .updateTable('signals')
    .set({
      score: result.score,
      priority: result.priority,
      recommended_route: result.route.code,
      triage: JSON.stringify({ ...result, rescored }),
      ruleset_version: result.ruleSetVersion,
    })
    .where('id', '=', signalId)
    .execute();
  return {
    id: signalId,
    score: result.score,
    priority: result.priority,
    rulesetVersion: result.ruleSetVersion,
  };
}
