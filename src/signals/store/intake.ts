import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import type { FieldCipher } from '../../access/secrets.ts';
import { conflict, label } from '../../domain/problem.ts';
import type { SignalInput } from '../schema.ts';
import { type RepeatLink, triage } from '../triage.ts';
import { type Identifier, identifiersOf, LINK_KIND_OF } from './identifiers.ts';
import { intakePersonMatches, personKeys, storePersonLinks } from './person-links.ts';
import { activeRuleSet } from './rulesets.ts';

export interface IntakeOptions {
  /** The client's key for this submission: resubmitting with it returns the first signal. */
  idempotencyKey?: string;
  /** Hash of the submitted payload, to tell a retry from a different signal under a reused key. */
  payloadHash: string;
  now?: Date;
  /**
   * The policy action to ask for: `create` for a reporter; `create_from_crawler` when an investigator
   * hands a crawler cluster to triage, which must not open the general intake to that purpose.
   */
  action?: 'create' | 'create_from_crawler';
}

export interface IntakeReceipt {
  id: string;
  state: string;
  receivedAt: string;
  /** False when an earlier submission with the same idempotency key is returned. */
  created: boolean;
}

async function existingByKey(
  tx: AccessTx,
  key: string,
  payloadHash: string,
): Promise<IntakeReceipt | undefined> {
  const row = await tx.db
    .selectFrom('signals')
    .select(['id', 'state', 'received_at', 'payload_hash'])
    .where('reporter_org_id', '=', tx.actor.orgId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.payload_hash !== payloadHash) {
    throw conflict(
      label(
        'Deze Idempotency-Key is al gebruikt voor een andere melding',
        'This Idempotency-Key was already used for a different signal',
      ),
      'Idempotency-Key',
    );
  }
  return {
    id: row.id,
    state: row.state,
    receivedAt: new Date(row.received_at).toISOString(),
    created: false,
  };
}

/** Earlier signals (of any organisation) sharing an identifier, counted per kind for triage. */
async function matchIdentifiers(tx: AccessTx, signalId: string, identifiers: Identifier[]) {
  if (identifiers.length === 0) return [];
  const result = await sql<{ signal_id: string; kind: Identifier['kind']; value: string }>`
    SELECT signal_id, kind, value FROM signal_identifier_matches(
      ${identifiers.map((i) => i.kind)}::text[], ${identifiers.map((i) => i.value)}::text[], ${signalId}::uuid)`.execute(
    tx.db,
  );
  return result.rows;
}

/** Earlier signals per kind of link; a person matched by name and birth date counts as a person link, like a BSN. */
function repeatLinks(
  matches: { signal_id: string; kind: Identifier['kind'] }[],
  personSignals: Iterable<string>,
): RepeatLink[] {
  const perKind = new Map<RepeatLink['kind'], Set<string>>();
  const add = (kind: RepeatLink['kind'], signalId: string) => {
    const set = perKind.get(kind) ?? new Set<string>();
    set.add(signalId);
    perKind.set(kind, set);
  };
  for (const match of matches) add(LINK_KIND_OF[match.kind], match.signal_id);
  for (const signalId of personSignals) add('person', signalId);
  return [...perKind].map(([kind, signals]) => ({ kind, earlierSignals: signals.size }));
}

/**
 * Stores a validated signal with its parties and identifiers, scores it with the active rule set
 * (counting earlier signals that share an identifier), and records person link suggestions, all in the caller's transaction: the receipt
 * exists only once everything is committed.
 */
export async function submitSignal(
  tx: AccessTx,
  cipher: FieldCipher,
  signal: SignalInput,
  options: IntakeOptions,
): Promise<IntakeReceipt> {
  const decision = await tx.authorize(options.action ?? 'create', 'signal');
  const key = options.idempotencyKey;
  if (key) {
    const earlier = await existingByKey(tx, key, options.payloadHash);
    if (earlier) return earlier;
  }
  const now = options.now ?? new Date();
  const receivedAt = signal.receivedAt ?? now.toISOString();
  // Scored before the insert: the reporter may create the row but not change it afterwards (RLS).
  const identifiers = identifiersOf(signal, cipher);
  const newId = randomUUID();
  const matches = await matchIdentifiers(tx, newId, identifiers);
  // Person keys only find candidates; persons are compared when triage opens the links.
  const personKeyRows = [...new Set(signal.persons.flatMap(personKeys))].map((value) => ({
    kind: 'person_key' as const,
    value,
  }));
  const personMatches = await intakePersonMatches(tx, newId, signal.persons);
  const ruleSet = await activeRuleSet(tx.db);
  const result = triage(signal, ruleSet, repeatLinks(matches, personMatches.keys()));
  const inserted = await tx.db
    .insertInto('signals')
    .values({
      id: newId,
      reporter_org_id: tx.actor.orgId,
      reporter_user_id: tx.actor.userId,
      idempotency_key: key ?? null,
      payload_hash: options.payloadHash,
      channel: signal.channel,
      external_reference: signal.externalReference ?? null,
      received_at: receivedAt,
      observed_at: signal.observedAt ?? null,
      forms: signal.forms,
      indicators: JSON.stringify(signal.indicators),
      narrative: signal.narrative,
      location: signal.location ? JSON.stringify(signal.location) : null,
      municipality: signal.location?.municipality ?? null,
      vehicles: JSON.stringify(signal.vehicles),
      urls: JSON.stringify(signal.urls),
      handles: JSON.stringify(signal.handles),
      involves_minor: signal.involvesMinor,
      score: result.score,
      priority: result.priority,
      recommended_route: result.route.code,
      triage: JSON.stringify(result),
      ruleset_version: result.ruleSetVersion,
    })
    .onConflict((oc) =>
      oc.columns(['reporter_org_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing(),
    )
    .returning(['id'])
    .executeTakeFirst();
  if (!inserted) {
    // A concurrent request with the same key won the race; return its signal.
    const earlier = await existingByKey(tx, key!, options.payloadHash);
    if (earlier) return earlier;
    throw new Error('idempotent insert found no row');
  }
  const id = inserted.id;

  if (signal.persons.length > 0) {
    await tx.db
      .insertInto('signal_persons')
      .values(
        signal.persons.map((person, position) => ({
          signal_id: id,
          position,
          role: person.role,
          given_names: person.givenNames ?? null,
          prefix: person.prefix ?? null,
          surname: person.surname ?? null,
          alias: person.alias ?? null,
          date_of_birth: person.dateOfBirth ?? null,
          birth_year:
            person.birthYear ?? (person.dateOfBirth ? Number(person.dateOfBirth.slice(0, 4)) : null),
          gender: person.gender ?? null,
          nationality: person.nationality ?? null,
          phones: person.phones,
          emails: person.emails,
          bsn_encrypted: person.bsn ? cipher.encrypt(person.bsn) : null,
          bsn_fingerprint: person.bsn ? cipher.fingerprint(person.bsn) : null,
          minor: person.minor,
          remark: person.remark ?? null,
        })),
      )
      .execute();
  }
  if (signal.companies.length > 0) {
    await tx.db
      .insertInto('signal_companies')
      .values(
        signal.companies.map((company, position) => ({
          signal_id: id,
          position,
          name: company.name,
          kvk: company.kvk ?? null,
          address: company.address ? JSON.stringify(company.address) : null,
          remark: company.remark ?? null,
        })),
      )
      .execute();
  }

  if (identifiers.length + personKeyRows.length > 0) {
    await tx.db
      .insertInto('signal_identifiers')
      .values([...identifiers, ...personKeyRows].map((identifier) => ({ signal_id: id, ...identifier })))
      .execute();
  }
  // Signals sharing an identifier are linked through `signal_identifiers` (derived when read, migration
  // 0102), not by a row per pair: rows that share a number stay linear in the number of rows.
  await storePersonLinks(tx, id, personMatches);

  tx.record(
    decision,
    [id],
    [
      'signal',
      ...(signal.persons.length ? ['persons'] : []),
      ...(signal.companies.length ? ['companies'] : []),
    ],
  );
  return { id, state: 'received', receivedAt: new Date(receivedAt).toISOString(), created: true };
}
