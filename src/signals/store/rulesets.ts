import type { Kysely } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import { invalidInput } from '../../domain/problem.ts';
import type { Database } from '../../store/schema.ts';
import { parseRuleSet, type RuleSet, ruleSetSchema } from '../ruleset.ts';
import { DEFAULT_RULE_SET } from '../rulesets/index.ts';

/**
 * The active rule set: the newest version in the database, or the shipped version 1 while none
 * has been saved. Each scored signal records the version, so old scores stay explainable.
 */
export async function activeRuleSet(db: Kysely<Database>): Promise<RuleSet> {
  const head = await db
    .selectFrom('triage_rulesets')
    .select(['version', 'created_at'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!head) return DEFAULT_RULE_SET;
  // Parsed rule sets are kept: a version never changes, so only a new one is read and checked. The key
  // includes when it was saved, so two databases in one process (tests, benchmarks) do not mix theirs up.
  const key = `${head.version}@${new Date(head.created_at).toISOString()}`;
  const cached = parsedVersions.get(key);
  if (cached) return cached;
  const row = await db
    .selectFrom('triage_rulesets')
    .select('rules')
    .where('version', '=', head.version)
    .executeTakeFirstOrThrow();
  const ruleSet = ruleSetSchema.parse(row.rules);
  parsedVersions.set(key, ruleSet);
  return ruleSet;
}

const parsedVersions = new Map<string, RuleSet>();

export async function listRuleSets(tx: AccessTx) {
  const decision = await tx.authorize('read', 'triage_ruleset');
  const rows = await tx.db
    .selectFrom('triage_rulesets')
    .select(['version', 'name', 'rules', 'created_by', 'created_at'])
    .orderBy('version', 'desc')
    .execute();
  const shipped = {
    version: DEFAULT_RULE_SET.version,
    name: DEFAULT_RULE_SET.name,
    rules: DEFAULT_RULE_SET,
    created_by: null,
    created_at: null,
  };
  return tx.disclose(decision, [...rows, shipped], 'version');
}

/** Saves an edited rule set as the next version; the version in the body is ignored. */
export async function createRuleSet(tx: AccessTx, input: unknown) {
  const decision = await tx.authorize('create', 'triage_ruleset');
  const latest = await tx.db
    .selectFrom('triage_rulesets')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  const version = Math.max(Number(latest?.version ?? 0), DEFAULT_RULE_SET.version) + 1;
  const parsed = parseRuleSet({ ...(input as object), version });
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw invalidInput(`rules.${first.field}`, first.message);
  }
  await tx.db
    .insertInto('triage_rulesets')
    .values({
      version,
      name: parsed.ruleSet.name,
      rules: JSON.stringify(parsed.ruleSet),
      created_by: tx.actor.userId,
    })
    .execute();
  tx.record(decision, [String(version)], ['rules']);
  return { version, name: parsed.ruleSet.name, rules: parsed.ruleSet };
}
