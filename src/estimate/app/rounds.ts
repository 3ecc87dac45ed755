import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type AccessTx, NotFound } from '../../access/context.ts';
import { Conflict, InvalidInput } from '../../access/users.ts';
import { conflict, invalidInput, label } from '../../domain/problem.ts';
import { parseEncodedList } from '../../linkage/index.ts';
import { ROUND_STRATA } from '../grants.ts';
import { EstimateInputError } from '../index.ts';
import { checkStrata } from './input.ts';
import './schema.ts';

/**
 * PPRL estimation rounds: an analyst opens a round naming the lists expected and which organisation
 * supplies each; every organisation uploads its own encoded list (keyed Bloom filters, never names);
 * once all are in, the linking job (jobs.ts) turns them into a capture-pattern table and an estimate.
 */
export const LINK_JOB = 'estimate.link-round';
export const LIST_NAME = /^[A-Za-z][A-Za-z0-9_]{0,30}$/;

export interface NewRound {
  name: string;
  lists: Array<{ name: string; organisationId: string }>;
  threshold?: number;
  strata?: string[];
}

const roundNotFound = () => new NotFound('Schattingsronde niet gevonden / Estimation round not found');

export async function openRound(tx: AccessTx, input: NewRound) {
  const decision = await tx.authorize('create', 'estimation_round');
  const strata = input.strata ?? [];
  try {
    checkStrata(strata, ROUND_STRATA);
  } catch (error) {
    const e = error as EstimateInputError;
    throw invalidInput('strata', label(e.nl, e.en));
  }
  const names = input.lists.map((l) => l.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice)
    throw invalidInput(
      'lists',
      label(`Lijst "${twice}" komt twee keer voor`, `List "${twice}" appears twice`),
    );
  const orgIds = [...new Set(input.lists.map((l) => l.organisationId))];
  const known = await tx.db.selectFrom('organisations').select('id').where('id', 'in', orgIds).execute();
  const unknown = orgIds.find((id) => !known.some((k) => k.id === id));
  if (unknown)
    throw invalidInput(
      'lists.organisationId',
      label(`Onbekende organisatie ${unknown}`, `Unknown organisation ${unknown}`),
    );
  const round = await tx.db
    .insertInto('estimation_rounds')
    .values({
      org_id: tx.actor.orgId,
      created_by: tx.actor.userId,
      name: input.name,
      threshold: input.threshold ?? null,
      strata,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.db
    .insertInto('estimation_round_lists')
    .values(
      input.lists.map((l, position) => ({
        round_id: round.id,
        list: l.name,
        position,
        org_id: l.organisationId,
      })),
    )
    .execute();
  tx.record(decision, [round.id], ['name', 'threshold', 'strata', 'lists']);
  return getRound(tx, round.id);
}

export async function listRounds(tx: AccessTx) {
  const decision = await tx.authorize('read', 'estimation_round');
  // The grants' rows: rounds the organisation opened or takes part in (row-level security the same below).
  const rows = await tx.db
    .selectFrom('estimation_rounds as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.name', 'r.created_at', 'r.status', 'r.strata', 'r.org_id', 'o.name as organisation'])
    .where((eb) => decision.where(eb, 'r'))
    .select((eb) => [
      eb
        .selectFrom('estimation_round_lists as l')
        .whereRef('l.round_id', '=', 'r.id')
        .select(sql<string[]>`array_agg(l.org_id::text)`.as('ids'))
        .as('list_org_ids'),
      eb
        .selectFrom('estimation_round_lists as l')
        .whereRef('l.round_id', '=', 'r.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('expected'),
      eb
        .selectFrom('estimation_round_lists as l')
        .whereRef('l.round_id', '=', 'r.id')
        .where('l.uploaded_at', 'is not', null)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('uploaded'),
    ])
    .orderBy('r.created_at', 'desc')
    .execute();
  return tx.disclose(
    decision,
    rows.map(({ expected, uploaded, ...row }) => ({
      ...row,
      owner: row.org_id === tx.actor.orgId,
      lists: { expected: Number(expected), uploaded: Number(uploaded) },
    })),
  );
}

export async function getRound(tx: AccessTx, id: string) {
  const decision = await tx.authorize('read', 'estimation_round');
  const round = await tx.db
    .selectFrom('estimation_rounds as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .select([
      'r.id',
      'r.name',
      'r.org_id',
      'o.name as organisation',
      'r.created_at',
      'r.threshold',
      'r.strata',
      'r.status',
      'r.capture_table',
      'r.clusters',
      'r.error',
      'r.linked_at',
    ])
    .where('r.id', '=', id)
    .where((eb) => decision.where(eb, 'r'))
    .executeTakeFirst();
  if (!round) throw roundNotFound();
  const owner = round.org_id === tx.actor.orgId;
  const lists = await tx.db
    .selectFrom('estimation_round_lists as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.list', 'l.org_id', 'o.name as organisation', 'l.uploaded_at', 'l.records'])
    .where('l.round_id', '=', id)
    .orderBy('l.position')
    .execute();
  const estimate = owner
    ? await tx.db
        .selectFrom('estimates')
        .select('id')
        .where('round_id', '=', id)
        .where('org_id', '=', tx.actor.orgId)
        .orderBy('created_at')
        .executeTakeFirst()
    : undefined;
  const view = {
    ...round,
    owner,
    // What the grants test per row: the organisation that opened it (all fields) or one in it (fewer).
    list_org_ids: lists.map((l) => l.org_id),
    lists: lists.map((l) => ({
      list: l.list,
      organisation: { id: l.org_id, name: l.organisation },
      mine: l.org_id === tx.actor.orgId,
      uploaded: l.uploaded_at !== null,
      uploaded_at: l.uploaded_at,
      // Partners see their own count only; the analyst who opened the round sees all.
      ...(owner || l.org_id === tx.actor.orgId ? { records: l.records } : {}),
    })),
    // Only the organisation that opened the round sees the table and the estimate (its grant's fields) —
    // never scores or pairs.
    estimate_id: estimate?.id ?? null,
  };
  return tx.disclose(decision, [view])[0];
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Keys sorted, so equal settings give equal text whatever order a client wrote them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const STRATUM_VALUE = /^[\p{L}\p{N} _.+<>-]{1,40}$/u;

/**
 * One organisation's encoded list for a round. Everything is checked before anything is written, so a
 * refused upload leaves no trace but the audit entry: damaged or empty files, a list already uploaded,
 * the same records as another list, other settings or another secret than the lists already in.
 */
export async function uploadList(tx: AccessTx, roundId: string, list: string, text: string) {
  const decision = await tx.authorize('create', 'encoded_list');
  const round = await tx.db
    .selectFrom('estimation_rounds')
    .select(['id', 'status', 'strata'])
    .where('id', '=', roundId)
    .executeTakeFirst();
  if (!round) throw roundNotFound();
  const slots = await tx.db
    .selectFrom('estimation_round_lists')
    .select(['list', 'org_id', 'uploaded_at', 'fingerprint', 'settings_digest', 'content_digest'])
    .where('round_id', '=', roundId)
    .execute();
  const slot = slots.find((s) => s.list === list);
  if (!slot)
    throw new NotFound(
      `Lijst "${list}" hoort niet bij deze ronde / List "${list}" is not part of this round`,
    );
  if (slot.org_id !== tx.actor.orgId)
    throw invalidInput(
      'list',
      label(
        `Lijst "${list}" wordt door een andere organisatie aangeleverd`,
        `List "${list}" is supplied by another organisation`,
      ),
    );
  if (round.status !== 'open')
    throw conflict(label('De ronde neemt geen lijsten meer aan', 'The round no longer accepts lists'));
  if (slot.uploaded_at)
    throw conflict(
      label(
        `Lijst "${list}" is al aangeleverd; een lijst kan maar één keer worden aangeleverd`,
        `List "${list}" was already uploaded; a list can be uploaded only once`,
      ),
      'list',
    );
  let parsed: ReturnType<typeof parseEncodedList>;
  try {
    parsed = parseEncodedList(text, list);
  } catch (error) {
    const message = (error as Error).message;
    throw invalidInput(
      'file',
      label(`Versleutelde lijst geweigerd: ${message}`, `Encoded list refused: ${message}`),
    );
  }
  if (parsed.name !== list)
    throw new InvalidInput(
      `Het bestand is versleuteld als lijst "${parsed.name}", deze plek is voor lijst "${list}"; versleutel opnieuw met --list ${list} / ` +
        `The file was encoded as list "${parsed.name}", this slot is for list "${list}"; encode again with --list ${list}`,
      'file',
    );
  if (canonical(parsed.strataNames) !== canonical(round.strata))
    throw new InvalidInput(
      `De lijst heeft strata [${parsed.strataNames.join(', ')}], de ronde vraagt [${round.strata.join(', ')}] / ` +
        `The list has strata [${parsed.strataNames.join(', ')}], the round asks for [${round.strata.join(', ')}]`,
      'file',
    );
  parsed.strata.forEach((values, i) => {
    for (const s of round.strata) {
      if (!STRATUM_VALUE.test(values[s] ?? ''))
        throw invalidInput(
          'file',
          label(
            `Regel ${i + 2}: stratum "${s}" moet een korte categorie zijn`,
            `Line ${i + 2}: stratum "${s}" must be a short category`,
          ),
        );
    }
  });
  const settingsDigest = digest(canonical(parsed.settings));
  // The same people in another order are still the same list.
  const words = parsed.words;
  const filters: string[] = [];
  for (let i = 0; i < parsed.blocks.length; i++)
    filters.push(
      Buffer.from(parsed.clks.buffer, parsed.clks.byteOffset + i * words * 4, words * 4).toString('base64'),
    );
  const contentDigest = digest(filters.sort().join('\n'));
  for (const other of slots.filter((s) => s.uploaded_at)) {
    if (other.settings_digest !== settingsDigest)
      throw new InvalidInput(
        `Lijst "${list}" is versleuteld met andere instellingen dan lijst "${other.list}"; gebruik dezelfde instellingen / ` +
          `List "${list}" was encoded with other settings than list "${other.list}"; use the same settings`,
        'file',
      );
    if (other.fingerprint !== parsed.fingerprint)
      throw new InvalidInput(
        `Lijst "${list}" is versleuteld met een ander geheim dan lijst "${other.list}" (vingerafdruk verschilt); zo kunnen ze niet gekoppeld worden / ` +
          `List "${list}" was encoded with another secret than list "${other.list}" (fingerprints differ); they cannot be linked`,
        'file',
      );
    if (other.content_digest === contentDigest)
      throw new Conflict(
        `Dit bestand bevat dezelfde personen als lijst "${other.list}": één lijst twee keer aangeleverd / ` +
          `This file holds the same records as list "${other.list}": one list uploaded twice`,
        'file',
      );
  }
  const updated = await tx.db
    .updateTable('estimation_round_lists')
    .set({
      uploaded_at: new Date(),
      uploaded_by: tx.actor.userId,
      records: parsed.blocks.length,
      fingerprint: parsed.fingerprint,
      settings_digest: settingsDigest,
      content_digest: contentDigest,
    })
    .where('round_id', '=', roundId)
    .where('list', '=', list)
    .where('uploaded_at', 'is', null)
    .executeTakeFirst();
  // A concurrent upload of the same slot lost the race.
  if (Number(updated.numUpdatedRows) !== 1)
    throw conflict(label(`Lijst "${list}" is al aangeleverd`, `List "${list}" was already uploaded`), 'list');
  await tx.db
    .insertInto('estimation_round_encodings')
    .values({ round_id: roundId, list, org_id: tx.actor.orgId, data: text })
    .execute();
  tx.record(decision, [roundId], ['list', 'records', 'encodings']);
  const complete = slots.every((s) => s.list === list || s.uploaded_at);
  return { list, records: parsed.blocks.length, complete };
}

/** The analyst asks Ketenplein to link a complete round again (e.g. after a failed run). */
export async function requestLink(tx: AccessTx, roundId: string) {
  await tx.authorize('link', 'estimation_round');
  const round = await tx.db
    .selectFrom('estimation_rounds')
    .select(['status'])
    .where('id', '=', roundId)
    .where('org_id', '=', tx.actor.orgId)
    .executeTakeFirst();
  if (!round) throw roundNotFound();
  const missing = await tx.db
    .selectFrom('estimation_round_lists')
    .select('list')
    .where('round_id', '=', roundId)
    .where('uploaded_at', 'is', null)
    .execute();
  if (missing.length > 0)
    throw conflict(
      label(
        `Nog niet aangeleverd: ${missing.map((m) => m.list).join(', ')}`,
        `Not uploaded yet: ${missing.map((m) => m.list).join(', ')}`,
      ),
    );
  if (round.status === 'linked')
    throw conflict(label('De ronde is al gekoppeld', 'The round is already linked'));
}

export { EstimateInputError };
