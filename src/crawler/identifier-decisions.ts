import { type AccessTx, NotFound } from '../access/context.ts';
import { invalidInput, label } from '../domain/problem.ts';
import { normaliseEmail, parseHandleField } from './identifiers.ts';
import type { LinkOptions } from './linker.ts';
import { normalisePhone } from './phones.ts';
import { type IdentifierKind, keyOf } from './shared-identifiers.ts';

/**
 * An investigator's say over shared identifiers in operator linking, per investigation (issue 13):
 * put a number on the investigation's list of known shared lines (taxi, hotel, booking line,
 * agency), or overrule a cut the linker made. Every change and read goes through the access layer
 * and is audited; the linker reads the decisions each time it clusters the investigation's ads.
 */
export type Decision = 'shared' | 'not_shared';

export interface DecisionInput {
  kind: IdentifierKind;
  value: string;
  decision: Decision;
  reason: string;
}

const RESOURCE = 'crawl_identifier_decision';

/** The identifier in the form the linker uses (E.164, canonical e-mail, service:name, 16 hex digits). */
export function canonicalIdentifier(kind: IdentifierKind, value: string): string {
  const canonical =
    kind === 'phone'
      ? normalisePhone(value)
      : kind === 'email'
        ? normaliseEmail(value)
        : kind === 'handle'
          ? parseHandleField(value)
          : /^(0x)?[0-9a-f]{16}$/i.test(value.trim())
            ? value.trim().replace(/^0x/i, '').toLowerCase()
            : undefined;
  if (!canonical) {
    const what = {
      phone: ['geen geldig telefoonnummer', 'not a valid phone number'],
      email: ['geen e-mailadres', 'not an e-mail address'],
      handle: ['geen account in de vorm dienst:naam', 'not a handle of the form service:name'],
      image: ['geen beeld-hash van 16 hex-cijfers', 'not an image hash of 16 hex digits'],
    }[kind];
    throw invalidInput('value', label(`"${value}" is ${what[0]}`, `"${value}" is ${what[1]}`));
  }
  return canonical;
}

async function requireInvestigation(tx: AccessTx, id: string) {
  const row = await tx.db
    .selectFrom('crawl_investigations')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound('Onderzoek niet gevonden / Investigation not found');
}

const recordId = (investigationId: string, kind: string, value: string) =>
  `${investigationId}/${kind}/${value}`;

export async function listDecisions(tx: AccessTx, investigationId: string) {
  const decision = await tx.authorize('read', RESOURCE);
  await requireInvestigation(tx, investigationId);
  const rows = await tx.db
    .selectFrom('crawl_identifier_decisions')
    .select(['investigation_id', 'kind', 'value', 'decision', 'reason', 'decided_by', 'decided_at'])
    .where('investigation_id', '=', investigationId)
    .where((eb) => decision.where(eb))
    .orderBy('decided_at')
    .execute();
  return tx.disclose(
    decision,
    rows.map((row) => ({ ...row, id: recordId(row.investigation_id, row.kind, row.value) })),
  );
}

/** Records (or replaces) the decision about one identifier; audited with the reason. */
export async function decideIdentifier(tx: AccessTx, investigationId: string, input: DecisionInput) {
  const decision = await tx.authorize('create', RESOURCE);
  await requireInvestigation(tx, investigationId);
  const value = canonicalIdentifier(input.kind, input.value);
  const row = await tx.db
    .insertInto('crawl_identifier_decisions')
    .values({
      investigation_id: investigationId,
      org_id: tx.actor.orgId,
      kind: input.kind,
      value,
      decision: input.decision,
      reason: input.reason,
      decided_by: tx.actor.userId,
    })
    .onConflict((oc) =>
      oc.columns(['investigation_id', 'kind', 'value']).doUpdateSet({
        decision: input.decision,
        reason: input.reason,
        decided_by: tx.actor.userId,
        decided_at: new Date(),
      }),
    )
    .returning(['investigation_id', 'kind', 'value', 'decision', 'reason', 'decided_by', 'decided_at'])
    .executeTakeFirstOrThrow();
  tx.record(decision, [recordId(investigationId, input.kind, value)], ['decision', 'reason'], input.reason);
  return row;
}

/** Withdraws a decision: the linker judges the identifier by itself again. */
export async function withdrawDecision(
  tx: AccessTx,
  investigationId: string,
  kind: IdentifierKind,
  raw: string,
) {
  const decision = await tx.authorize('delete', RESOURCE);
  await requireInvestigation(tx, investigationId);
  const value = canonicalIdentifier(kind, raw);
  const deleted = await tx.db
    .deleteFrom('crawl_identifier_decisions')
    .where('investigation_id', '=', investigationId)
    .where((eb) => decision.where(eb))
    .where('kind', '=', kind)
    .where('value', '=', value)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0)
    throw new NotFound('Geen beslissing over dit kenmerk / No decision about this identifier');
  tx.record(decision, [recordId(investigationId, kind, value)], ['decision']);
}

/** The decisions as linker options (read inside the caller's audited transaction). */
export async function linkOptionsFor(
  tx: AccessTx,
  investigationId: string,
): Promise<Pick<LinkOptions, 'knownShared' | 'overruled'>> {
  const decision = await tx.authorize('read', RESOURCE);
  const rows = await tx.db
    .selectFrom('crawl_identifier_decisions')
    .select(['kind', 'value', 'decision'])
    .where('investigation_id', '=', investigationId)
    .where((eb) => decision.where(eb))
    .execute();
  if (rows.length > 0)
    tx.record(
      decision,
      rows.map((r) => recordId(investigationId, r.kind, r.value)),
      ['decision'],
      'linking',
    );
  const keys = (d: Decision) =>
    new Set(rows.filter((r) => r.decision === d).map((r) => keyOf(r.kind as IdentifierKind, r.value)));
  return { knownShared: keys('shared'), overruled: keys('not_shared') };
}
