/**
 * Incremental entity resolution in PostgreSQL: every entity's blocking keys are rows
 * (block_key, entity_id) under an index, and a new record is compared only with the entities
 * that share one of its keys. Works on any Kysely handle: `AccessTx.db` (RLS as the actor's
 * organisation) or the owner's in system jobs.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { PersonInput } from './person.ts';
import { blockingKeys, comparePersons, type PersonMatch } from './persons.ts';

export type EntityType = 'person' | 'company' | 'identifier';

export interface LinkageBlockTable {
  org_id: string;
  entity_type: EntityType;
  entity_id: string;
  block_key: string;
  created_at: Date | undefined;
}

declare module '../store/schema.ts' {
  interface Database {
    linkage_blocks: LinkageBlockTable;
  }
}

/** Replaces the keys of one entity (after it was created or changed). */
export async function indexEntity(
  db: Kysely<Database>,
  entity: { orgId: string; type: EntityType; id: string; keys: readonly string[] },
): Promise<void> {
  await db
    .deleteFrom('linkage_blocks')
    .where('entity_type', '=', entity.type)
    .where('entity_id', '=', entity.id)
    .execute();
  const keys = [...new Set(entity.keys)];
  if (keys.length === 0) return;
  await db
    .insertInto('linkage_blocks')
    .values(
      keys.map((block_key) => ({
        org_id: entity.orgId,
        entity_type: entity.type,
        entity_id: entity.id,
        block_key,
        created_at: undefined,
      })),
    )
    .execute();
}

export interface Candidate {
  entityId: string;
  /** How many of the record's keys the entity shares. */
  sharedKeys: number;
}

/**
 * Entities sharing at least one key with the record, through the index. Keys whose block holds
 * more than `maxBlock` entities are left out: too common to select anything.
 */
export async function findCandidates(
  db: Kysely<Database>,
  type: EntityType,
  keys: readonly string[],
  { maxBlock = 500, exclude }: { maxBlock?: number; exclude?: string } = {},
): Promise<Candidate[]> {
  if (keys.length === 0) return [];
  const rows = await sql<{ entity_id: string; shared: number }>`
    WITH sizes AS (
      SELECT block_key FROM linkage_blocks
      WHERE entity_type = ${type} AND block_key = ANY(${[...new Set(keys)]}::text[])
      GROUP BY block_key HAVING count(*) <= ${maxBlock}
    )
    SELECT b.entity_id, count(*)::int AS shared
    FROM linkage_blocks b JOIN sizes s ON s.block_key = b.block_key
    WHERE b.entity_type = ${type} AND b.entity_id IS DISTINCT FROM ${exclude ?? null}
    GROUP BY b.entity_id
    ORDER BY shared DESC, b.entity_id`.execute(db);
  return rows.rows.map((r) => ({ entityId: r.entity_id, sharedKeys: Number(r.shared) }));
}

export interface PersonCandidateMatch extends PersonMatch {
  entityId: string;
}

/**
 * Compares a new person with the indexed persons that share a blocking key. `load` fetches
 * those persons (from the capability that owns them, under its own access rules); it is called
 * with the candidates only. Returns the candidates that match, strongest first, each with the
 * comparison levels and weights that explain it.
 */
export async function matchNewPerson(
  db: Kysely<Database>,
  person: PersonInput,
  load: (entityIds: string[]) => Promise<Map<string, PersonInput>>,
  options: { threshold?: number; maxBlock?: number; exclude?: string } = {},
): Promise<PersonCandidateMatch[]> {
  const candidates = await findCandidates(db, 'person', blockingKeys(person), options);
  if (candidates.length === 0) return [];
  const known = await load(candidates.map((c) => c.entityId));
  const out: PersonCandidateMatch[] = [];
  for (const { entityId } of candidates) {
    const other = known.get(entityId);
    if (!other) continue;
    const match = comparePersons(person, other, { threshold: options.threshold });
    if (match.matched) out.push({ entityId, ...match });
  }
  return out.sort((a, b) => b.weight - a.weight);
}
